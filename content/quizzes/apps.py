from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "content.quizzes"
    label = "quizzes"
    verbose_name = "Kuis"

    def ready(self):
        from content.base import page_cache, permissions

        # Registered handlers: merges and group changes; fact-checks published as questions;
        # background tasks (base/task_queue.py); the session page's test routes (views).
        from content.quizzes import merging, publishing, tasks, views  # noqa: F401
        from content.quizzes import permissions as quiz_permissions
        from content.quizzes.models import Quiz, SessionTest
        from content.quizzes.selectors import PAGE_CACHE_SCOPE

        # Articles, session pages and the home page link the quizzes that are open.
        page_cache.invalidate_on_change(Quiz, scope=PAGE_CACHE_SCOPE)
        page_cache.invalidate_on_change(SessionTest, scope=PAGE_CACHE_SCOPE)
        permissions.declare(*quiz_permissions.GROUPS)
