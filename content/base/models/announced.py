from django.db import models

from content.base.changes import deleted, recorded


class AnnouncedModel(models.Model):
    """A model whose rows a cache shows: every save() and delete() is announced."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        created = self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not update_fields:
            return  # Django saved nothing
        recorded(type(self), fields=update_fields, instances=(self,), created=created)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        # Wagtail's page delete (treebeard) may answer nothing: the page itself is still news.
        if isinstance(result, tuple):
            deleted(result[1])
        else:
            recorded(type(self), instances=(self,))
        return result

    delete.alters_data = True
