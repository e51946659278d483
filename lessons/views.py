"""Search over lessons."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from course.selectors import lesson_search_context

from .models import LessonPage

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    """Wagtail search over live lessons; each result names its course and module."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    where = {}
    if query:
        results = LessonPage.objects.live().public().search(query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
        where = lesson_search_context(lessons=list(results_page))
    return render(
        request,
        "lessons/search.html",
        {"query": query, "results": results_page, "where": where},
    )
