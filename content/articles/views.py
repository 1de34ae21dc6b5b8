from django.template.response import TemplateResponse

from content.articles import selectors
from content.articles.forms import SearchForm
from content.base import page_cache

RESULTS_PER_PAGE = 10


@page_cache.query_params("q", "halaman")
def search(request):
    query = SearchForm(request.GET).query
    results = selectors.search_publications(query)
    return TemplateResponse(
        request,
        "articles/search.html",
        {
            "query": query,
            "results": selectors.paginate(results, request.GET.get("halaman"), RESULTS_PER_PAGE),
        },
    )
