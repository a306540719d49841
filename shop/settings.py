"""Settings for Chợ HTX, read from the environment (django-environ).

One module for every machine: the embedded default (SQLite under var/, database search, eager tasks, local media)
needs no variable except DEBUG=1; production is configured only through the variables listed in README.md.
"""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403 (Oscar's documented way to start its settings)

from shop.observability import init_sentry, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set DEBUG=1 for development or give SECRET_KEY a long random value."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# How many reverse proxies in front of the site append to X-Forwarded-For (0: trust only REMOTE_ADDR); used to
# rate-limit stamp and order lookups per client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SITE_ID = 1

# --- Applications -------------------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin and every app whose models it translates
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    # Our apps come before Oscar and Wagtail so their templates override the vendors'.
    "shop.apps.ShopConfig",
    "shop.fulfilment.apps.FulfilmentConfig",
    "shop.payments.apps.PaymentsConfig",
    "shop.review.apps.ReviewConfig",
    "shop.complaints.apps.ComplaintsConfig",
    "shop.staff_orders.apps.StaffOrdersConfig",
    "shop.takedowns.apps.TakedownsConfig",
    "themes.apps.ThemesConfig",
    "storefronts.apps.StorefrontsConfig",
    "ocop.apps.OcopConfig",
    "translations.apps.TranslationsConfig",
    # django-oscar, with the catalogue forked into catalog/ (app label stays "catalogue"), and analytics, partner,
    # basket and customer (sign-up, log-out) into shop/.
    "shop.config.ChoShop",
    "shop.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",  # Oscar's dashboard, its home page the union staff's overview
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail serves the home and content pages; its admin lives at /cms/.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "shop.observability.RequestIdMiddleware",  # first: every log line of a request carries its id
    "shop.observability.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shop.content_security.ContentSecurityPolicyMiddleware",  # before the page cache: a fresh nonce per response
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "shop.cache.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "shop.takedowns.basket_notices.RemovedLinesMiddleware",  # after the basket and messages: what a takedown removed
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A local file database shared by the dev server's threads and management commands. Every transaction (each
    # request is one, ATOMIC_REQUESTS) takes the write lock when it begins (IMMEDIATE), waiting up to `timeout`
    # seconds for it: a deferred one reads first, and its upgrade to a writer while another request writes fails at
    # once with "database is locked" (a 500), which no timeout can wait out. WAL lets reads outside a transaction go
    # on while one writes; synchronous=NORMAL is WAL's safe setting (a power cut may lose the last commits, never the
    # file). Thirty buyers racing for the last unit: one order and 29 "vừa hết hàng" (409), no 500
    # (tests/shop/checkout/test_simultaneous_checkouts.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each worker keeps its connection (checked before reuse) instead of opening one per request.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # PostgreSQL's JIT compiles any query it estimates costly (a category sorted by price) for longer than the query
    # then runs: 1.2 s of compiling for 0.3 s of work at 100,000 products (bench/README.md). Web pages run without it.
    # Its default cost of a random read (4, for spinning disks) made it read every search entry rather than use the
    # trigram indexes for a common word: 133 ms instead of 38 ms at 100,000 products. On SSD, or a database held in
    # memory, a random read costs about what a sequential one does (1.1).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Anonymous visitors' pages kept in the cache this many seconds (shop/cache.py); 0 switches the page cache off.
# Production keeps them 60 s (with CACHE_URL=redis://... so every worker shares them); development sees every change.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 60)
PAGE_CACHE_VIEWS = ["home", "catalogue:index", "catalogue:category", "catalogue:detail", "storefronts:detail"]
# How long the number of products of a category (or of the whole catalogue) is reused (catalog/pagination.py); 0: never.
CATALOGUE_COUNT_CACHE_SECONDS = env.int("CATALOGUE_COUNT_CACHE_SECONDS", default=0 if DEBUG else 60)
# How long the database search keeps its typo vocabulary (catalog/search/backends/database.py), which indexing grows as
# new words arrive. Only a cache shared by every process (Redis) sees the words a Celery worker adds, so a process's
# own memory keeps it ten minutes.
SEARCH_VOCABULARY_SECONDS = env.int(
    "SEARCH_VOCABULARY_SECONDS", default=600 if CACHES["default"]["BACKEND"].endswith("LocMemCache") else 3600
)
# How long a rendered product card is kept (catalog/templatetags/product_cards.py): it is keyed by everything it shows,
# so this bounds only the memory it takes, never how stale it is; 0: never kept.
PRODUCT_CARD_CACHE_SECONDS = env.int("PRODUCT_CARD_CACHE_SECONDS", default=0 if DEBUG else 600)

# --- Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise ----------------------------------

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
# Elasticsearch 8 or OpenSearch 2 at that address: "auto" reads it from the root endpoint (catalog/search/client.py).
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="auto")
# Oscar's built-in search still goes through haystack until our own search replaces it; keep it in the database.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"  # the simple engine keeps no index to update

# --- Background tasks: Celery on Redis, or eager in-process when no broker is configured ----------------------------

REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker's lines go through LOGGING too: JSON, with their logger
# At fixed times of Vietnam's day (CELERY_TIMEZONE), whenever beat was started: not every 24 hours from its start.
CELERY_BEAT_SCHEDULE = {
    "ocop-daily": {"task": "ocop.tasks.ocop_daily", "schedule": crontab(hour=1, minute=30)},  # expiry and warnings
    "reconcile-payments": {"task": "shop.payments.tasks.reconcile_payments", "schedule": crontab(minute="*/15")},
}

# --- Payments -----------------------------------------------------------------------------------------------------

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # e.g. a localstripe server in tests
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Webhooks older than this (seconds) are refused, as Stripe's own libraries do by default.
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)
VNPAY_TMN_CODE = env.str("VNPAY_TMN_CODE", default="")
VNPAY_HASH_SECRET = env.str("VNPAY_HASH_SECRET", default="")
VNPAY_PAYMENT_URL = env.str("VNPAY_PAYMENT_URL", default="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
# Bank transfer by VietQR: the receiving account (the bank's NAPAS BIN, e.g. 970436 for Vietcombank).
BANK_TRANSFER_BIN = env.str("BANK_TRANSFER_BIN", default="")
BANK_TRANSFER_ACCOUNT = env.str("BANK_TRANSFER_ACCOUNT", default="")
BANK_TRANSFER_ACCOUNT_NAME = env.str("BANK_TRANSFER_ACCOUNT_NAME", default="")
BANK_TRANSFER_TIMEOUT_HOURS = env.int("BANK_TRANSFER_TIMEOUT_HOURS", default=24)

# Payment methods offered at checkout, in this order, when their settings above are filled in (shop/payments/).
PAYMENT_GATEWAYS = [
    "shop.payments.gateways.cod.CashOnDelivery",
    "shop.payments.gateways.bank_transfer.BankTransfer",
    "shop.payments.gateways.stripe.StripeCard",
    "shop.payments.gateways.vnpay.VNPay",
]
# An online payment not completed within this many minutes is given up: the order is cancelled, its stock released.
PAYMENT_TIMEOUT_MINUTES = env.int("PAYMENT_TIMEOUT_MINUTES", default=60)

# --- Languages ----------------------------------------------------------------------------------------------------

LANGUAGE_CODE = "vi"
# Each language is named in itself (an autonym), so nobody has to read a foreign word to find their own.
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "translations" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

# --- Files --------------------------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Documents only staff and their owners may read (certificates, OCOP scans, spreadsheets, complaint photos): the
# "private" storage (shop/private_files.py), served by views that check who asks. On disk here unless S3 is set.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
# Private files in their own bucket (recommended: no public-read policy can reach them), else under a prefix of the
# media bucket (then the media bucket's public policy must not cover AWS_PRIVATE_LOCATION/).
AWS_PRIVATE_BUCKET_NAME = env.str("AWS_PRIVATE_BUCKET_NAME", default="") or AWS_STORAGE_BUCKET_NAME
AWS_PRIVATE_LOCATION = env.str("AWS_PRIVATE_LOCATION", default="private")
PRIVATE_URL_EXPIRY = env.int("PRIVATE_URL_EXPIRY", default=300)  # seconds a signed link to a private file works
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "shop.private_files.LocalPrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if AWS_PRIVATE_BUCKET_NAME:  # set whenever AWS_STORAGE_BUCKET_NAME is
    # S3-compatible storage (AWS, MinIO, Ceph...): django-storages reads AWS_* from the environment.
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    STORAGES["private"] = {
        "BACKEND": "shop.private_files.PrivateS3Storage",
        "OPTIONS": {"bucket_name": AWS_PRIVATE_BUCKET_NAME, "location": AWS_PRIVATE_LOCATION},
    }
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False

FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

# --- Auth and mail ------------------------------------------------------------------------------------------------

# django-axes counts failed sign-ins (in the database) on every form that authenticates: the shop's, the dashboard's,
# Wagtail's and Django admin's. A client address or an account with AXES_FAILURE_LIMIT failures is refused for
# AXES_COOLOFF_MINUTES; staff unlock it in /admin/axes/accessattempt/ or with manage.py axes_reset_username.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # turns a refused sign-in into the lockout page; stays last
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out client before a password is checked
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_CLIENT_IP_CALLABLE = "ocop.ratelimit.client_address"  # the stamp lookup's rule (TRUSTED_PROXY_COUNT)
AXES_USERNAME_CALLABLE = "shop.customer.lockout.account_key"  # an e-mail and its account's username count as one
AXES_LOCKOUT_CALLABLE = "shop.customer.lockout.lockout_response"  # our page, in the visitor's language, 429
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login-password", "login-username"]  # never stored in clear
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; successful sign-ins are not recorded
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "shop.customer.passwords.MinimumLengthValidator"},  # Django's, its refusal translated
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")  # filemail:////folder: each message written there (deploy/stack.py)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds: a mail server that hangs never holds a worker long
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")  # the public address, for links in e-mails
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Chợ HTX <no-reply@chohtx.vn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production values whenever DEBUG is off) ------------------------------------------------------------

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Content-Security-Policy and Permissions-Policy (every response; shop/content_security.py) ----------------------

# The policy is built from the addresses above (media, Stripe.js, VNPay). Where uploaded pictures come from besides
# MEDIA_URL and the S3 settings, e.g. a CDN's origin:
CSP_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])
# The staff tools, whose vendors' templates carry inline scripts: a policy that allows inline code there.
CSP_STAFF_PREFIXES = ("/cms/", "/dashboard/", "/admin/")
# Wagtail's admin asks nothing from other sites, which the policy refuses: no Gravatar pictures (they would also tell
# Gravatar who the editors are), no check for a newer Wagtail release.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), usb=(), "
    'browsing-topics=(), payment=(self "https://js.stripe.com")'
)

# --- Operations: logs, errors, metrics (shop/observability.py) ---------------------------------------------------

# Lines carry time, level, logger, request id, user and stall: JSON for a log collector in production, text locally.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = logging_config(LOG_FORMAT, env.str("LOG_LEVEL", default="INFO"))
# Errors e-mailed to these ("Name <address>", comma-separated) by Django's mail_admins when DEBUG is off.
ADMINS = [parseaddr(admin) for admin in env.list("ADMINS", default=[])]
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# --- Oscar --------------------------------------------------------------------------------------------------------

OSCAR_SHOP_NAME = "Chợ HTX"
OSCAR_SHOP_TAGLINE = _("Sản phẩm hợp tác xã và OCOP Việt Nam")
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_HOMEPAGE = reverse_lazy("home")
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_INITIAL_ORDER_STATUS = "placed"
# The whole order's statuses (shop.fulfilment.order_status.OrderStatus) and which may follow which; Order.set_status
# checks this, records an OrderStatusChange and sends order_status_changed. An order paid online starts awaiting its
# payment; it is completed or cancelled once no stall's part of it is open (shop.fulfilment.services).
OSCAR_ORDER_STATUS_PIPELINE = {
    "awaiting-payment": ("placed", "cancelled"),
    "placed": ("completed", "cancelled"),
    "completed": (),
    "cancelled": (),
}
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Oscar's ASCII slugs decompose accents away, but "đ" has no decomposition and became "u0111" in product addresses.
OSCAR_SLUG_MAP = {"đ": "d", "Đ": "D"}

# A product on sale is "running low" on its stall's home when the units left to sell are at most its own threshold,
# or this one when the member set none (catalog.low_stock).
LOW_STOCK_THRESHOLD = env.int("LOW_STOCK_THRESHOLD", default=5)


def staff_permission(permission):
    """A dashboard menu entry's access test (Oscar calls it with the entry's URL): the user holds ``permission``."""

    def has_permission(user, url_name, url_args=None, url_kwargs=None):
        return user.is_active and user.has_perm(permission)

    return has_permission


can_review_stalls = staff_permission("storefronts.review_storefront")
can_verify_certificates = staff_permission("ocop.verify_certificate")
can_confirm_transfers = staff_permission("payments.confirm_transfer")
can_edit_content = staff_permission("wagtailadmin.access_admin")

can_manage_orders = staff_permission("staff_orders.manage_orders")
can_decide_complaints = staff_permission("complaints.decide_complaint")


can_handle_takedowns = staff_permission("takedowns.handle_takedown")


def our_orders_screen(entries):
    """Oscar's "Orders" menu entry opens our orders screens (Oscar's own answers "no permission" to union staff)."""
    for entry in entries:
        if entry.get("url_name") == "dashboard:order-list":
            entry = {**entry, "url_name": "staff-orders:list", "access_fn": can_manage_orders}
        if "children" in entry:
            entry = {**entry, "children": list(our_orders_screen(entry["children"]))}
        yield entry


# The union staff's own screens, first in the dashboard's menu under "Liên minh HTX". A new staff screen adds its
# entry here: {"label": _("..."), "icon": "fas fa-...", "url_name": "namespace:name", "access_fn": staff_permission(
# "app_label.codename")}, with the permission its view asks for (tests/shop/test_dashboard_menu.py checks each link).
UNION_STAFF_MENU = [
    # Oscar's own access test: the permission the overview's URL asks (shop/dashboard/apps.py).
    {"label": _("Tổng quan"), "icon": "fas fa-chart-bar", "url_name": "dashboard:index"},
    {
        "label": _("Duyệt gian hàng"),
        "icon": "fas fa-store",
        "url_name": "storefront-review:queue",
        "access_fn": can_review_stalls,
    },
    {
        "label": _("Chứng nhận OCOP"),
        "icon": "fas fa-certificate",
        "url_name": "ocop-review:queue",
        "access_fn": can_verify_certificates,
    },
    {
        "label": _("Chuyển khoản ngân hàng"),
        "icon": "fas fa-money-check",
        "url_name": "payments-dashboard:transfers",
        "access_fn": can_confirm_transfers,
    },
    {
        "label": _("Đơn hàng"),
        "icon": "fas fa-receipt",
        "url_name": "staff-orders:list",
        "access_fn": can_manage_orders,
    },
    {
        "label": _("Khiếu nại"),
        "icon": "fas fa-exclamation-circle",
        "url_name": "complaints-review:queue",
        "access_fn": can_decide_complaints,
    },
    {
        "label": _("Báo cáo vi phạm"),
        "icon": "fas fa-flag",
        "url_name": "takedown-review:queue",
        "access_fn": can_handle_takedowns,
    },
    {
        "label": _("Mức độ dịch"),
        "icon": "fas fa-language",
        "url_name": "translations-report:report",
        "access_fn": can_review_stalls,
    },
    {
        "label": _("Tin tức và hướng dẫn (CMS)"),
        "icon": "fas fa-newspaper",
        "url_name": "wagtailadmin_home",
        "access_fn": can_edit_content,
    },
]

# Oscar's own home entry ("Dashboard") is replaced by "Tổng quan" above; its other sections follow unchanged.
OSCAR_DASHBOARD_NAVIGATION = [
    {"label": _("Liên minh HTX"), "icon": "fas fa-handshake", "children": UNION_STAFF_MENU},
    *our_orders_screen(entry for entry in OSCAR_DASHBOARD_NAVIGATION if entry.get("url_name") != "dashboard:index"),  # noqa: F405
]

# How long a stall has to answer a buyer's complaint before the buyer may ask union staff to decide.
COMPLAINT_ANSWER_DAYS = env.int("COMPLAINT_ANSWER_DAYS", default=3)

# --- Legal pages and personal data (themes/legal.py, shop/customer/personal_data.py) -----------------------------

# The marketplace's record with the Ministry of Industry and Trade (online.gov.vn): once set, the footer shows the
# badge linked to it. MOIT_BADGE_IMAGE: a static file's path, or the address of the badge the Ministry issued (an
# address on another host must also be in CSP_MEDIA_ORIGINS). Unset: no badge.
MOIT_REGISTRATION_URL = env.str("MOIT_REGISTRATION_URL", default="")
MOIT_BADGE_IMAGE = env.str("MOIT_BADGE_IMAGE", default="themes/moit-registered.svg")
# The privacy policy's version a sign-up's consent records; empty: the privacy page's published revision.
PRIVACY_POLICY_VERSION = env.str("PRIVACY_POLICY_VERSION", default="")

# --- Wagtail ------------------------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Chợ HTX"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False  # one page tree; languages are per field (modeltranslation)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
