"""What buyers post: a variant and a quantity, their details at checkout. No form carries
a price: prices are always read from the catalog on the server."""

from django import forms
from django.core.validators import RegexValidator

MAX_QUANTITY = 10  # units of one variant in one cart: more is a typo or a bot


class QuantityField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_QUANTITY, initial=1, error_messages={
            "min_value": "Choose at least 1.",
            "max_value": f"At most {MAX_QUANTITY} of one item per order.",
            "invalid": "Enter a whole number of items."}, **kwargs)


class AddToCartForm(forms.Form):
    variant = forms.TypedChoiceField(coerce=int, label="Option", error_messages={
        "invalid_choice": "That option is not one of this product's."})
    quantity = QuantityField()

    def __init__(self, product, variants, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.variants = {v.pk: v for v in variants}
        self.fields["variant"].choices = [
            (v.pk, (v.label or "Standard") + ("" if v.buyable else " — sold out"))
            for v in variants]
        if len(variants) == 1:
            self.fields["variant"].widget = forms.HiddenInput()
            self.fields["variant"].initial = variants[0].pk

    def chosen(self):
        return self.variants[self.cleaned_data["variant"]]


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY, error_messages={
        "min_value": "A quantity cannot be negative.",
        "max_value": f"At most {MAX_QUANTITY} of one item per order.",
        "invalid": "Enter a whole number of items."})


country_code = RegexValidator(r"^[A-Za-z]{2}$", "A two-letter country code, like US or GB.")


class CheckoutForm(forms.Form):
    email = forms.EmailField()
    name = forms.CharField(max_length=200)
    address = forms.CharField(max_length=300, label="Address")
    address2 = forms.CharField(max_length=300, required=False, label="Address (line 2)")
    city = forms.CharField(max_length=120)
    postcode = forms.CharField(max_length=20)
    country = forms.CharField(max_length=2, validators=[country_code],
                              help_text="Two letters: US, GB, DE…")
    shipping = forms.TypedChoiceField(coerce=int, label="Shipping", widget=forms.RadioSelect)

    def __init__(self, methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = {m.pk: m for m in methods}
        self.fields["shipping"].choices = [(m.pk, m.name) for m in methods]

    def clean_country(self):
        return self.cleaned_data["country"].upper()

    def clean(self):
        data = super().clean()
        method = self.methods.get(data.get("shipping"))
        if method and data.get("country") and not method.serves(data["country"]):
            self.add_error("shipping", f"{method.name} does not ship to {data['country']}.")
        return data
