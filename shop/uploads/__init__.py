"""Uploaded pictures, shared by the apps that take them (catalog's products, storefronts' banners and logos):
``images`` judges and cleans an upload, ``thumbnails`` makes its square WebP copies, ``held`` keeps a checked picture
between two submissions of a form. Nothing here imports an app of ours, so any app may use it."""
