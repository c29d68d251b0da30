"""Translation through gettext catalogs: extract the English strings of the data, read translations back."""
