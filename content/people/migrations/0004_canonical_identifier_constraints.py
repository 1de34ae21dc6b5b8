# The canonical spelling of identifiers becomes a database rule (0003 rewrote existing rows).
# Separate from 0003: PostgreSQL refuses to alter a table with pending trigger events.

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_canonical_identifiers'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('nip__isnull', True), ('nip__regex', '^[0-9]{18}$'), _connector='OR'), name='people_user_nip_canonical'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('nik__isnull', True), ('nik__regex', '^[0-9]{16}$'), _connector='OR'), name='people_user_nik_canonical'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('email__regex', '^[!-~]*$'), ('email', django.db.models.functions.text.Lower('email'))), name='people_user_email_canonical'),
        ),
    ]
