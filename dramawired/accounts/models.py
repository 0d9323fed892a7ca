"""A sign-up waits here until its owner opens the link we mailed: no account exists before
then, so nobody can hold a username with an address they do not own, and nothing has to
be cleaned out of the user table when a link is never opened."""

from django.db import models


class PendingSignup(models.Model):
    username = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    password = models.CharField(max_length=128)  # the hash, as User.password holds it
    # SHA-256 of the link's token: the table alone never opens an account.
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.username} <{self.email}>"
