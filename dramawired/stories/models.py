"""Stories: one event, every outlet's take on it. A post belongs to at most one story."""

from django.db import models
from django.utils import timezone

from dramawired.news.links import slug_url
from dramawired.news.models import Post


class Story(models.Model):
    """Posts from several outlets reporting one event (grouping.py puts them together)."""

    title = models.CharField(max_length=500, help_text="The lead post's headline.")
    slug = models.SlugField(max_length=220, allow_unicode=True)
    lead = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", help_text="The take shown first.")
    first_published_at = models.DateTimeField(default=timezone.now)
    last_published_at = models.DateTimeField(default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    # The summed headline vectors of its posts (similarity.py), each normalised: what a
    # new take is compared with.
    centroid = models.JSONField(default=dict, blank=True)
    # View totals of its posts over the last hours, as the regrouping job sampled them:
    # [[unix seconds, total], ...] (ranking.py reads the recent rise).
    view_samples = models.JSONField(default=list, blank=True)
    pinned = models.BooleanField(default=False, help_text="First in Top stories.")
    hidden = models.BooleanField(default=False, help_text="Never in Top stories or trending.")
    locked = models.BooleanField(
        default=False, help_text="An editor merged or split it: the regrouping job leaves "
                                 "its posts where they are.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-last_published_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("story", f"{self.pk}-{self.slug}" if self.slug else str(self.pk))


class StoryPost(models.Model):
    """A post's place in its story."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="story_link")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="links")
    # The post's weighted words (similarity.Terms.to_json), kept for regrouping.
    terms = models.JSONField(default=dict, blank=True)
    score = models.FloatField(default=0.0, help_text="How alike it was to the story when it "
                                                     "joined (0 when it started it).")
    by_editor = models.BooleanField(default=False, help_text="Placed by an editor: the job "
                                                             "never moves it.")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["story", "joined_at"])]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.story_id}"


class StoryKey(models.Model):
    """Where to look for a new take's story: each story's rarest headline words, with when
    they were last used. A look-up reads the keys of the last hours only, so its cost does
    not grow with the archive."""

    key = models.CharField(max_length=64)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="keys")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "story"],
                                               name="story_key_once_per_story")]
        indexes = [models.Index(fields=["key", "at"])]

    def __str__(self) -> str:
        return f"{self.key} → {self.story_id}"
