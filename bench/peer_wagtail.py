"""The stock Wagtail project serve_pages.py compares Lentera's pages with (not a benchmark).

build_peer() makes the project `wagtail start` makes, in a temporary folder, with the venv's
Wagtail, adds the page type every Wagtail tutorial adds (a blog page whose body is a StreamField
of headings, paragraphs, images and quotes, as bakerydemo's BlogPage), migrates its own SQLite
database and publishes one blog page holding the text and images of Lentera's newest article
(export_article). Its settings are the project's own production.py (DEBUG = False,
ManifestStaticFilesStorage) plus the local.py it imports, holding SECRET_KEY and ALLOWED_HOSTS.
peer_gunicorn_argv() points Lentera's gunicorn command line at it.
"""

import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from harness import clean_environ, random_secret_key, run_checked

PROJECT_NAME = "peer"

# Run inside Lentera's `manage.py shell -c`: the newest live article as plain data. Rich text
# is expanded to front-end HTML (internal links become plain hrefs), so
# the peer stores exactly the markup Lentera shows.
ARTICLE_EXPORT_CODE = textwrap.dedent(
    """
    from wagtail.rich_text import expand_db_html
    from content.articles.models import ArticlePage

    article = ArticlePage.objects.live().public().order_by("-published_date", "-pk").first()
    if article is None:
        raise SystemExit("No live article: did load_demo_data run?")
    images = []

    def image_ref(image):
        if image is None:
            return None
        images.append({"title": image.title, "path": image.file.path,
                       "alt": image.default_alt_text})
        return len(images) - 1

    hero = image_ref(article.listing_image)
    blocks = []
    for block in article.body:
        value = block.value
        if block.block_type == "heading":
            blocks.append({"type": "heading", "value": value["text"]})
        elif block.block_type == "paragraph":
            blocks.append({"type": "paragraph", "value": expand_db_html(value.source)})
        elif block.block_type == "quote":
            blocks.append({"type": "quote", "value": value["text"],
                           "attribution": value["attribution"]})
        elif block.block_type == "figure":
            blocks.append({"type": "image", "image": image_ref(value["image"]),
                           "caption": value["caption"]})
    data = {
        "title": article.title,
        "slug": article.slug,
        "url": article.url,
        "summary": article.summary,
        "date": article.published_date.isoformat(),
        "author": article.author_name,
        "hero": hero,
        "images": images,
        "blocks": blocks,
    }
    emit(data)
    """
)

# Added to the stock home/models.py: bakerydemo's blog, reduced to its body.
PEER_MODELS = textwrap.dedent(
    """

    from wagtail import blocks
    from wagtail.fields import StreamField
    from wagtail.images.blocks import ImageBlock


    class BodyBlock(blocks.StreamBlock):
        heading = blocks.CharBlock(form_classname="title", template="blocks/heading_block.html")
        paragraph = blocks.RichTextBlock()
        image = ImageBlock(template="blocks/image_block.html")
        quote = blocks.BlockQuoteBlock()


    class BlogIndexPage(Page):
        subpage_types = ["home.BlogPage"]


    class BlogPage(Page):
        introduction = models.TextField(blank=True)
        image = models.ForeignKey(
            "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
            related_name="+",
        )
        body = StreamField(BodyBlock(), blank=True)
        date_published = models.DateField(null=True, blank=True)
        author = models.CharField(max_length=120, blank=True)

        parent_page_types = ["home.BlogIndexPage"]
    """
)

PEER_TEMPLATES = {
    "home/blog_index_page.html": """{% extends "base.html" %}
{% block content %}<h1>{{ page.title }}</h1>{% endblock %}
""",
    "home/blog_page.html": """{% extends "base.html" %}
{% load wagtailcore_tags wagtailimages_tags %}
{% block content %}
<article class="blog-page">
    <h1>{{ page.title }}</h1>
    <p class="intro">{{ page.introduction }}</p>
    <p class="meta">{% if page.author %}{{ page.author }} · {% endif %}{{ page.date_published }}</p>
    {% if page.image %}<figure>{% image page.image width-1200 format-webp %}</figure>{% endif %}
    <div class="body">{% for block in page.body %}{% include_block block %}{% endfor %}</div>
</article>
{% endblock %}
""",
    "blocks/heading_block.html": "<h2>{{ value }}</h2>\n",
    "blocks/image_block.html": """{% load wagtailimages_tags %}
<figure>{% image value width-800 format-webp %}</figure>
""",
}

# Run inside the peer's `manage.py shell -c` with BENCH_ARTICLE_FILE set: publishes the blog
# index under the home page and the blog page under it, with the article's text and images.
PEER_CONTENT_CODE = textwrap.dedent(
    """
    import json, os
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image
    from wagtail.models import Page
    from home.models import BlogIndexPage, BlogPage, HomePage

    data = json.load(open(os.environ["BENCH_ARTICLE_FILE"]))
    images = []
    for item in data["images"]:
        with open(item["path"], "rb") as handle:
            image = Image(title=item["title"], description=item["alt"],
                          file=ImageFile(handle, name=os.path.basename(item["path"])))
            image.save()
        images.append(image)
    body = []
    for block in data["blocks"]:
        if block["type"] == "image":
            ref = block["image"]
            value = {"image": images[ref].pk, "alt_text": data["images"][ref]["alt"],
                     "decorative": False}
            body.append({"type": "image", "value": value})
        elif block["type"] == "quote":
            body.append({"type": "quote", "value": block["value"]})
        else:
            body.append({"type": block["type"], "value": block["value"]})
    home = HomePage.objects.get()
    index = BlogIndexPage(title="Blog", slug="blog")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = BlogPage(
        title=data["title"], slug=data["slug"], introduction=data["summary"],
        image=images[data["hero"]] if data["hero"] is not None else None,
        body=body, date_published=data["date"], author=data["author"],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({"path": page.url}))
    """
)


@dataclass
class PeerSite:
    """A built peer project: where it is and how to run it."""

    directory: Path
    secret_key: str
    page_path: str

    @property
    def settings_module(self):
        return f"{PROJECT_NAME}.settings.production"

    def env(self):
        """This process's environment without Lentera's settings, with the peer's module."""
        env = {key: value for key, value in clean_environ().items() if key != "PYTHONPATH"}
        return {**env, "DJANGO_SETTINGS_MODULE": self.settings_module}


def _run(argv, cwd, env, commands, label=None):
    commands.add(argv if label is None else [*argv[:-1], label])
    return run_checked(argv, env, cwd=cwd)


def export_article(site):
    """Lentera's newest live article as a dict (ARTICLE_EXPORT_CODE in site.shell)."""
    return site.shell(ARTICLE_EXPORT_CODE, "ARTICLE_EXPORT_CODE")


def build_peer(directory, article, commands, python=sys.executable):
    """`wagtail start` in `directory` (created; must not exist), the blog page models, migrate,
    collectstatic, and the blog page holding `article` (from export_article). Returns a
    PeerSite. Every command runs with the peer's production settings and its own SQLite file."""
    directory = Path(directory)
    directory.mkdir(parents=True)
    wagtail = Path(python).with_name("wagtail")
    start = [str(wagtail)] if wagtail.exists() else [python, "-m", "wagtail"]
    _run([*start, "start", PROJECT_NAME, str(directory)], directory.parent, None, commands)

    models_file = directory / "home" / "models.py"
    models_file.write_text(models_file.read_text() + PEER_MODELS)
    for name, text in PEER_TEMPLATES.items():
        path = directory / "home" / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    secret_key = random_secret_key()
    # What production.py's `from .local import *` is there for: the deployment's secrets.
    (directory / PROJECT_NAME / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secret_key!r}\nALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n"
    )
    peer = PeerSite(directory=directory, secret_key=secret_key, page_path="")
    env = peer.env()
    manage = [python, "manage.py"]
    _run([*manage, "makemigrations", "home"], directory, env, commands)
    _run([*manage, "migrate", "--noinput"], directory, env, commands)
    _run([*manage, "collectstatic", "--noinput"], directory, env, commands)
    article_file = directory / "article.json"
    article_file.write_text(json.dumps(article))
    completed = _run(
        [*manage, "shell", "-c", PEER_CONTENT_CODE],
        directory,
        dict(env, BENCH_ARTICLE_FILE=str(article_file)),
        commands,
        label="<PEER_CONTENT_CODE in peer_wagtail.py>",
    )
    peer.page_path = json.loads(completed.stdout.strip().splitlines()[-1])["path"]
    return peer


def peer_gunicorn_argv(peer, gunicorn_argv):
    """Lentera's gunicorn command line (`gunicorn_argv`, as harness.gunicorn_argv makes it)
    pointed at the peer: same workers, bind and logging, the peer's WSGI module and folder."""
    argv = list(gunicorn_argv)
    index = argv.index("config.wsgi")
    argv[index] = f"{PROJECT_NAME}.wsgi"
    # --pythonpath site (Lentera's source folder) becomes the peer's own folder.
    at = argv.index("--pythonpath")
    argv[at + 1] = str(peer.directory)
    return [*argv, "--chdir", str(peer.directory)]
