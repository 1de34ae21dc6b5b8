from django.template.response import TemplateResponse

from content.articles import selectors

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search_publications(query)
    return TemplateResponse(
        request,
        "articles/search.html",
        {
            "query": query,
            "results": selectors.paginate(results, request.GET.get("halaman"), RESULTS_PER_PAGE),
        },
    )
