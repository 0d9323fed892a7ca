"""Editors own the tag vocabulary: search, post counts, rename, aliases, merge, block.

A tag's slug is its identity for the tagger (pipeline/vocabulary.py), so a rename that
changes the slug keeps the old one as an alias: the tagger's old spelling still files
under the tag, and the old address redirects. Merging makes the merged tags' names and
slugs aliases of the tag kept."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse

from .models import Post, Tag, TagAlias


@transaction.atomic
def merge_tags(keep: Tag, others) -> int:
    """Move the posts of `others` to `keep`, delete them and keep their names and slugs
    as aliases of `keep`. Returns how many posts gained the kept tag."""
    others = [t for t in others if t.pk != keep.pk]
    moving = set(Post.tags.through.objects.filter(tag__in=others)
                 .values_list("post_id", flat=True))
    moving -= set(keep.posts.filter(pk__in=moving).values_list("pk", flat=True))
    keep.posts.add(*moving)  # through the relation: the search index follows
    TagAlias.objects.filter(tag__in=others).update(tag=keep)
    aliases = [TagAlias(name=t.name, slug=t.slug, tag=keep) for t in others]
    Tag.objects.filter(pk__in=[t.pk for t in others]).delete()
    TagAlias.objects.bulk_create(aliases, ignore_conflicts=True)
    return len(moving)


def block_tags(tags) -> int:
    """Block: the tagger never gives these again, and they leave every post an editor
    has not edited (an editor's own choice stays). Returns how many posts lost one."""
    removed = 0
    with transaction.atomic():
        for tag in tags:
            posts = list(tag.posts.filter(edited=False).values_list("pk", flat=True))
            tag.posts.remove(*posts)
            removed += len(posts)
            tag.blocked = True
            tag.save(update_fields=["blocked"])
    return removed


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug", "blocked"]
        help_texts = {"slug": "Follows the name when you rename the tag; the old address "
                              "keeps working (it becomes an alias)."}

    def clean(self):
        data = super().clean()
        name, slug = data.get("name"), data.get("slug")
        if self.instance.pk and name and "name" in self.changed_data \
                and "slug" not in self.changed_data:
            slug = data["slug"] = Tag.slug_for(name) or slug
        if slug:
            other = Tag.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
            alias = TagAlias.objects.filter(slug=slug).exclude(tag=self.instance.pk).first()
            if other or alias:
                raise forms.ValidationError(
                    f"“{(other or alias).name}” already has the address {slug}: merge the "
                    "two tags instead (select both in the list, action “Merge”).")
        return data


class AliasInline(admin.TabularInline):
    model = TagAlias
    extra = 1
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    verbose_name_plural = "Aliases: other names the tagger files under this tag"


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Tag.objects.none(), widget=forms.RadioSelect,
                                  empty_label=None, label="Tag to keep")

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "post_count", "blocked"]
    list_filter = ["blocked"]
    search_fields = ["name", "slug", "aliases__name"]
    inlines = [AliasInline]
    actions = ["merge", "block", "unblock"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts"))

    @admin.display(description="posts", ordering="post_count")
    def post_count(self, obj):
        return obj.post_count

    def save_model(self, request, obj, form, change):
        old = Tag.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if old and old.slug != obj.slug:  # the old address and spelling keep working
            TagAlias.objects.filter(slug=obj.slug, tag=obj).delete()
            TagAlias.objects.get_or_create(slug=old.slug, defaults={"name": old.name,
                                                                    "tag": obj})

    @admin.action(description="Merge selected tags into one")
    def merge(self, request, queryset):
        tags = queryset.order_by("-post_count", "name")
        if tags.count() < 2:
            self.message_user(request, "Select two tags or more to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, tags=tags)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            names = [t.name for t in tags if t.pk != keep.pk]
            moved = merge_tags(keep, list(tags))
            self.message_user(request, f"Merged {', '.join(names)} into {keep.name}: "
                                       f"{moved} posts gained it; the old names are aliases.")
            return None
        return TemplateResponse(request, "admin/news/tag/merge.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": "Merge tags", "form": form, "tags": tags,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})

    @admin.action(description="Block selected tags (never tagged again)")
    def block(self, request, queryset):
        removed = block_tags(queryset.filter(blocked=False))
        self.message_user(request, f"Blocked; removed from {removed} posts (posts an "
                                   "editor edited keep their tags).")

    @admin.action(description="Unblock selected tags")
    def unblock(self, request, queryset):
        for tag in queryset.filter(blocked=True):
            tag.blocked = False
            tag.save(update_fields=["blocked"])
