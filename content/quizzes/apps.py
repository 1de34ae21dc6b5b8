from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "content.quizzes"
    label = "quizzes"
    verbose_name = "Kuis"

    def ready(self):
        from content.base import page_cache, permissions
        from content.quizzes import merging  # noqa: F401 (registers merge and group-change handlers)
        from content.quizzes import permissions as quiz_permissions
        from content.quizzes.models import Quiz, SessionTest
        from content.quizzes.selectors import PAGE_CACHE_SCOPE

        # Articles, session pages and the home page link the quizzes that are open.
        page_cache.invalidate_on_change(Quiz, scope=PAGE_CACHE_SCOPE)
        page_cache.invalidate_on_change(SessionTest, scope=PAGE_CACHE_SCOPE)
        permissions.declare(*quiz_permissions.GROUPS)
