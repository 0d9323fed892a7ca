"""The comment form: name, email and website for guests; the text for everyone."""

from django import forms
from django.core.validators import URLValidator

from . import spam
from .models import MAX_BODY, Comment


class CommentForm(forms.ModelForm):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    ts = forms.CharField(widget=forms.HiddenInput)
    # Declared, not generated: only web addresses, and a scheme-less one is https.
    website = forms.URLField(max_length=200, required=False, assume_scheme="https",
                             validators=[URLValidator(schemes=["http", "https"])])

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        labels = {"body": "Comment", "email": "Email"}
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "cols": 45})}

    def __init__(self, *args, post, user=None, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.post, self.user = post, user
        self.parent_comment = None
        if user is not None:  # comments under the account: no name or email to type
            for name in ("name", "email", "website"):
                del self.fields[name]
        else:
            self.fields["name"].required = self.fields["email"].required = True
            for name, autocomplete in [("name", "name"), ("email", "email"),
                                       ("website", "url")]:
                self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["body"].max_length = MAX_BODY

    @property
    def fresh_ts(self) -> str:
        """A render time for the form drawn now (a page with errors gets a new one)."""
        return spam.sign_timestamp(self.post.pk)

    def clean_parent(self):
        parent_id = self.cleaned_data["parent"]
        if parent_id:
            self.parent_comment = Comment.objects.approved().filter(
                pk=parent_id, post=self.post).select_related("parent").first()
            if self.parent_comment is None:
                raise forms.ValidationError("The comment you replied to is no longer here.")
            self.parent_comment.post = self.post
        return parent_id

    def clean(self):
        cleaned = super().clean()
        if "ts" in cleaned and (error := spam.timestamp_error(cleaned["ts"], self.post.pk)):
            raise forms.ValidationError(error)
        return cleaned

    def save(self, *, ip: str, user_agent: str) -> Comment:
        comment = super().save(commit=False)
        comment.post, comment.parent, comment.user = self.post, self.parent_comment, self.user
        if self.user is not None:
            comment.name = (self.user.get_full_name() or self.user.get_username())[:100]
            comment.email = self.user.email
        comment.status = spam.initial_status(body=comment.body, email=comment.email,
                                             user=self.user)
        comment.ip_address, comment.user_agent = ip, user_agent[:300]
        comment.save()
        return comment
