"""The demo's merchandise, our own writing: the site's own products and two affiliate
merchants', served as Google Merchant Center feeds (RSS 2.0 with g:) under /merch/, with a
picture per product and a page per affiliate product (where its link leads).

  /merch/own.xml          what the site sells itself (variants, one product sold out)
  /merch/affiliate/<merchant>.xml   what a partner merchant sells, bought at its pages
  /merch/img/<id>.svg     a product's picture
  /merch/item/<id>        a merchant's product page
"""

from html import escape
from xml.sax.saxutils import escape as xml_escape

# (group, title, description, price, brand, collection, story names,
#  [(id, size, colour, quantity)…])
OWN = [
    ("DW-BEACON-TEE", "Harbor Lights “Beacon” Tour Tee",
     "<p>Soft cotton tee with the lighthouse crest on the front and every stop of the "
     "Beacon tour on the back.</p>", "28.00", "Harbor Lights", "Apparel",
     "Harbor Lights, Beacon tour",
     [("DW-BEACON-TEE-S", "S", "Navy", 6), ("DW-BEACON-TEE-M", "M", "Navy", 4),
      ("DW-BEACON-TEE-L", "L", "Navy", 0), ("DW-BEACON-TEE-XL", "XL", "Navy", 2)]),
    ("DW-NIGHTMOTH-POSTER", "Night Moth Poster — 18×24″",
     "<p>Matte print of the moth over the rooftops, from the cover of the first "
     "issue.</p>", "19.50", "Night Moth", "Posters", "Night Moth, Rosa Delgado, Hugo Brandt",
     [("DW-NIGHTMOTH-POSTER", "", "", 25)]),
    ("DW-DRAMA-MUG", "DramaWired “Spill the Tea” Mug",
     "<p>A 12 oz stoneware mug for the morning's gossip.</p>", "14.00", "DramaWired",
     "Homeware", "",
     [("DW-DRAMA-MUG-BLK", "", "Black", 12), ("DW-DRAMA-MUG-WHT", "", "White", 9)]),
    ("DW-CROWN-PIN", "Crown of Ash Dragon Enamel Pin",
     "<p>Hard enamel pin of the ash dragon, gold plated.</p>", "9.00", "Crown of Ash",
     "Accessories", "Crown of Ash", [("DW-CROWN-PIN", "", "", 0)]),
]
# Affiliate feeds, one per merchant: slug → (merchant, [(id, title, description, price,
# brand, collection, story names, availability)…])
AFFILIATE = {
    "groove-records": ("Groove Records", [
        ("GR-GLASSHOUSE-LP", "Nova Reyes — Glasshouse (Clear Vinyl)",
         "<p>The album on clear vinyl with a lyric booklet.</p>", "31.99", "Nova Reyes",
         "Music", "Nova Reyes, Glasshouse", "in_stock"),
        ("GR-GILDED-HOODIE", "The Gilded Foxes Tour Hoodie",
         "<p>The tour hoodie, fox on the back.</p>", "38.00", "The Gilded Foxes", "Apparel",
         "The Gilded Foxes", "out_of_stock"),
    ]),
    "backlot-video": ("Backlot Video", [
        ("BV-MIDNIGHT-BOX", "Midnight Harbor Season 2 Collector’s Box",
         "<p>Every episode of the second season, with a map of the harbor and cast "
         "postcards.</p>", "89.99", "Midnight Harbor", "Film & TV", "Midnight Harbor",
         "in_stock"),
    ]),
}


def _g(name: str, value) -> str:
    return f"  <g:{name}>{xml_escape(str(value))}</g:{name}>\n"


def _item(base: str, fields: dict) -> str:
    return "<item>\n" + "".join(_g(k, v) for k, v in fields.items() if v != "") + "</item>\n"


def own_feed(base: str) -> bytes:
    items = []
    for group, title, description, price, brand, collection, names, variants in OWN:
        for sku, size, colour, quantity in variants:
            items.append(_item(base, {
                "id": sku, "title": title, "description": description,
                "image_link": f"{base}/merch/img/{group}.svg",
                "price": f"{price} USD", "availability": "in_stock" if quantity else "out_of_stock",
                "quantity": quantity, "brand": brand, "product_type": collection,
                "custom_label_0": names, "item_group_id": group if len(variants) > 1 else "",
                "size": size, "color": colour}))
    return _channel("DramaWired Shop", base, items)


def affiliate_feed(base: str, merchant: str) -> bytes:
    name, products = AFFILIATE[merchant]
    items = [_item(base, {
        "id": sku, "title": title, "description": description,
        "link": f"{base}/merch/item/{sku}", "image_link": f"{base}/merch/img/{sku}.svg",
        "price": f"{price} USD", "availability": availability, "brand": brand,
        "product_type": collection, "custom_label_0": names})
        for sku, title, description, price, brand, collection, names, availability in products]
    return _channel(name, base, items)


def _channel(title: str, base: str, items: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n'
            f"<title>{xml_escape(title)}</title>\n<link>{base}/merch/</link>\n"
            "<description>Demo products, our own writing.</description>\n"
            + "".join(items) + "</channel>\n</rss>\n").encode()


def _picture(key: str) -> bytes:
    hue = sum(key.encode()) % 360
    label = escape(key.split("-")[1] if "-" in key else key)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" '
            f'viewBox="0 0 400 400"><rect width="400" height="400" fill="hsl({hue},45%,35%)"/>'
            f'<text x="200" y="215" font-family="sans-serif" font-size="40" fill="#fff" '
            f'text-anchor="middle">{label}</text></svg>').encode()


def _merchant_page(sku: str) -> bytes | None:
    for merchant, products in AFFILIATE.values():
        for product in products:
            if product[0] == sku:
                return (f"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>"
                        f"{escape(product[1])} — {escape(merchant)}</title><h1>"
                        f"{escape(product[1])}</h1><p>Sold by {escape(merchant)}, a demo "
                        "merchant.</p></html>").encode()
    return None


def respond(path: str, base: str) -> tuple[int, dict, bytes] | None:
    """The answer for a /merch/ address, or None for 404."""
    xml = {"Content-Type": "application/rss+xml; charset=utf-8"}
    if path == "/merch/own.xml":
        return 200, xml, own_feed(base)
    if path.startswith("/merch/affiliate/") and path.endswith(".xml") and \
            (merchant := path.removeprefix("/merch/affiliate/").removesuffix(".xml")) in AFFILIATE:
        return 200, xml, affiliate_feed(base, merchant)
    if path.startswith("/merch/img/") and path.endswith(".svg"):
        return 200, {"Content-Type": "image/svg+xml", "Cache-Control": "max-age=86400"}, \
            _picture(path.removeprefix("/merch/img/").removesuffix(".svg"))
    if path.startswith("/merch/item/") and (page := _merchant_page(path.rsplit("/", 1)[1])):
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page
    return None
