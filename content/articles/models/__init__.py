from content.articles.models.articles import ArticleIndexPage, ArticlePage, ArticlePageTag
from content.articles.models.fact_checks import (
    FactCheckIndexPage,
    FactCheckPage,
    FactCheckPageTag,
    Verdict,
)
from content.articles.models.topics import Topic

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "FactCheckIndexPage",
    "FactCheckPage",
    "FactCheckPageTag",
    "Topic",
    "Verdict",
]
