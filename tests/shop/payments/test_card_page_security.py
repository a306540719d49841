"""The card payment page is the one page whose Content-Security-Policy lets Stripe.js load, frame and call Stripe;
its own inline script carries the page's nonce."""

from tests.shop.test_content_security import assert_inline_scripts_run, directives


def test_card_payment_page_allows_stripe_js_its_frames_and_its_api(card_order, settings):
    page = card_order.pay_page
    stripe_js = settings.STRIPE_JS_URL.split("/js.stripe.com/")[0]  # localstripe's stand-in on loopback

    policy = directives(page)

    assert stripe_js in policy["script-src"] and "https://*.js.stripe.com" in policy["script-src"]
    assert "https://hooks.stripe.com" in policy["frame-src"]
    assert "https://api.stripe.com" in policy["connect-src"]
    assert_inline_scripts_run(page)
