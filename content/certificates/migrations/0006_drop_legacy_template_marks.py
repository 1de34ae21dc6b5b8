"""The signature and stamp images are copied (0005): the template forgets them (step 3 of 3)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("certificates", "0005_copy_template_marks")]

    operations = [
        migrations.RemoveField("certificatetemplate", f"legacy_{name}")
        for name in ("signatory_1_signature", "signatory_2_signature", "stamp")
    ]
