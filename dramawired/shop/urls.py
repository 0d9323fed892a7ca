from django.urls import path

from .views import cart, catalog, checkout, orders, pages

app_name = "shop"

urlpatterns = [
    path("", catalog.store, name="store"),
    path("collection/<str:slug>/", catalog.collection, name="collection"),
    path("product/<str:slug>/", catalog.product, name="product"),
    path("product/<str:slug>/add/", cart.add, name="cart-add"),
    path("go/<str:slug>/", catalog.go, name="go"),
    path("cart/", cart.show, name="cart"),
    path("cart/<int:variant_id>/", cart.update, name="cart-update"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/<str:number>/", checkout.review, name="review"),
    path("checkout/<str:number>/paid/", checkout.paid, name="paid"),
    path("checkout/<str:number>/cancel/", checkout.cancel, name="cancel"),
    path("orders/", orders.my_orders, name="orders"),
    path("orders/<str:number>/", orders.order, name="order"),
    path("webhooks/<str:provider>/", orders.webhook, name="webhook"),
    path("pay/test/<str:ref>/", orders.test_pay, name="test-pay"),
    path("page/<slug:slug>/", pages.page, name="page"),
]
