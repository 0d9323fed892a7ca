from django.urls import path

from .views import cart, catalog

app_name = "shop"

urlpatterns = [
    path("", catalog.store, name="store"),
    path("collection/<str:slug>/", catalog.collection, name="collection"),
    path("product/<str:slug>/", catalog.product, name="product"),
    path("product/<str:slug>/add/", cart.add, name="cart-add"),
    path("go/<str:slug>/", catalog.go, name="go"),
    path("cart/", cart.show, name="cart"),
    path("cart/<int:variant_id>/", cart.update, name="cart-update"),
]
