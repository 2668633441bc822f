#!/usr/bin/env python3
"""Generates finesynth's bundled demo sample: an electronics shop's product listings and its
shoppers' search queries, in BEIR layout, with graded relevance judgments.

Written for finesynth; no third-party data; the brands and model lines are invented.
Deterministic (standard library only, fixed seed): `python3 generate.py` rewrites
corpus.jsonl, queries.jsonl, qrels/train.tsv and qrels/test.tsv next to this script.

How it works
------------
* Products are built from structured attributes: a product type, an invented brand and model line,
  and specs (sizes, capacities, colours, prices...). The title and text are written from those
  attributes, and every attribute a query can ask about is stated in the title or the text.
  Product families come in several variants (storage, size, colour, switch type...), so the corpus
  is full of near-duplicates that differ in one spec.
* A query is a text plus constraints over the same attributes, in two parts:
    scope: what the shopper is looking for at all: the product type (and sub-type, e.g. a wall
           charger), plus, where the query names them, the device an accessory must fit, the model
           line, or a requirement the query treats as a must; a product outside it scores 0.
    need:  the specs the query states (a size, a capacity, "under 300", "waterproof"...).
  Grade 2: in scope and every need holds. Grade 1: in scope and exactly one need fails (right kind
  of product, one spec off) -- except when the query is only "a product type with one spec", where
  "one spec off" would mean every other product of the type; there nothing is partially relevant.
  A query is kept only when 1 to 6 products are relevant, so every query's judgments are complete:
  a product without a judgment scores 0 by the same rule.
* Queries come from two sources: keyword templates filled from a randomly picked product's
  attributes (search-box traffic: "27 inch 1440p monitor", a few with typos), and hand-written
  natural-language queries with hand-written constraints ("which earbuds work best for running").
* A templated query is skipped when an earlier query has exactly the same judgments.
* Queries are split half/half between train (streamed without judgments, for synthesis) and test
  (held out for evaluation), alternating within each product type so both halves cover the shop.
"""
import json
import os
import random
import sys
from collections import Counter, defaultdict

SEED = 20261127
R = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
MAX_RELEVANT = 6

PRODUCTS = []


def money(p):
    return f"${p:,}"


def tb(gb):
    return f"{gb // 1024}TB" if gb >= 1024 else f"{gb}GB"


def add(cat, brand, line, title, text, **attrs):
    attrs.update(cat=cat, brand=brand, line=line)
    PRODUCTS.append({"cat": cat, "title": f"{brand} {title}", "text": " ".join(text.split()), "a": attrs})


def pick(xs):
    return R.choice(xs)


FILLER = [
    "Backed by a two-year warranty.",
    "Ships in recyclable packaging with a quick start guide.",
    "Free returns within 30 days.",
    "Customer support is available seven days a week.",
    "Firmware updates are delivered through the companion app.",
]


def pad(text, minimum=30):
    """Adds neutral sentences (no specs) until the text has at least `minimum` words."""
    extra = R.sample(FILLER, len(FILLER))
    while len(text.split()) < minimum and extra:
        text += " " + extra.pop()
    return text


# ---------------------------------------------------------------------------------------------
# Phones, cases, screen protectors
# ---------------------------------------------------------------------------------------------
# brand, line, screen inch, panel, main camera MP, battery mAh, charging W, 5G, {storage: price}, colours
PHONES = [
    ("Nimbus", "X10", 6.1, "LCD", 48, 4000, 25, False, {64: 299, 128: 349}, ["Black", "White"]),
    ("Nimbus", "X12", 6.3, "OLED", 50, 4500, 30, True, {128: 549, 256: 629}, ["Black", "Ocean Blue", "Sage Green"]),
    ("Nimbus", "X12 Pro", 6.7, "OLED", 108, 5000, 65, True, {256: 899, 512: 999}, ["Graphite", "Silver"]),
    ("Voltra", "Edge 5", 6.5, "OLED", 64, 5000, 33, True, {128: 399, 256: 449}, ["Black", "Lavender", "Mint"]),
    ("Voltra", "Edge 5 Max", 6.8, "OLED", 64, 6000, 67, True, {256: 649, 512: 749}, ["Black"]),
    ("Arcline", "One S", 5.8, "OLED", 50, 3800, 20, True, {128: 479}, ["White", "Red"]),
    ("Ovelta", "Neo 7", 6.6, "LCD", 13, 5000, 18, False, {64: 199, 128: 229}, ["Blue"]),
]
PHONE_NOTES = {
    "X10": "An affordable everyday phone with a 60 Hz screen and 4G LTE.",
    "X12": "A 120 Hz display, dual camera with night mode, and IP68 water resistance.",
    "X12 Pro": "Triple camera with 5x optical telephoto zoom, 120 Hz display and IP68 water resistance.",
    "Edge 5": "A 120 Hz curved display and stereo speakers at a mid-range price.",
    "Edge 5 Max": "The huge battery lasts two full days, and the big screen suits video and games.",
    "One S": "A compact phone that fits one hand and small pockets, with IP68 water resistance.",
    "Neo 7": "A budget phone with a two-day battery, 4G LTE, a headphone jack and a microSD slot.",
}


def phones():
    for brand, line, inch, panel, mp, mah, w, g5, storages, colours in PHONES:
        for storage, price in storages.items():
            for colour in colours:
                net = "5G" if g5 else "4G LTE"
                text = (f"The {brand} {line} smartphone with {storage} GB of storage, in {colour.lower()}. "
                        f"{inch}-inch {panel} display, {mp} MP main camera and a {mah} mAh battery with "
                        f"{w} W fast charging. {PHONE_NOTES[line]} Unlocked, dual SIM, {net}. Price {money(price)}.")
                add("phone", brand, line, f"{line} {net} Smartphone, {storage}GB, {colour}", pad(text),
                    storage=storage, color=colour.split()[-1].lower(), inch=inch, g5=g5, mah=mah, charge=w,
                    price=price, compact=inch < 6, telephoto=line == "X12 Pro", two_day=line in ("Edge 5 Max", "Neo 7"),
                    ip68=line in ("X12", "X12 Pro", "One S"))


SIBLING = {"X12": "X12 Pro", "X12 Pro": "X12", "Edge 5": "Edge 5 Max", "Edge 5 Max": "Edge 5", "X10": "X12"}
# (case brand, material, colours, price, drop protection m, magnetic)
CASES = {
    "silicone": ("Soft-touch silicone case with a microfiber lining that slips easily into a pocket.", 1.2),
    "leather": ("Genuine leather case that ages to a warm patina, with aluminium buttons.", 1.2),
    "rugged": ("Rugged dual-layer case with shock-absorbing corners and a built-in kickstand.", 3.0),
    "clear": ("Crystal-clear case that shows off the phone's colour and resists yellowing.", 1.5),
    "wallet": ("Folio wallet case with a magnetic flap and three card slots.", 1.0),
}
CASE_LINES = [
    ("Nimbus", "X12", [("Nimbus", "silicone", ["Black", "Sage Green"], 39, True),
                       ("Halvora", "rugged", ["Black"], 29, False), ("Brixa", "clear", ["Clear"], 15, True),
                       ("Brixa", "wallet", ["Brown"], 22, False)]),
    ("Nimbus", "X12 Pro", [("Nimbus", "silicone", ["Black", "Silver"], 39, True),
                           ("Nimbus", "leather", ["Tan"], 59, True), ("Halvora", "rugged", ["Black", "Olive"], 34, False),
                           ("Brixa", "clear", ["Clear"], 15, True)]),
    ("Nimbus", "X10", [("Brixa", "clear", ["Clear"], 12, False), ("Halvora", "rugged", ["Black"], 25, False),
                       ("Brixa", "silicone", ["Black", "White"], 14, False)]),
    ("Voltra", "Edge 5", [("Halvora", "rugged", ["Black"], 27, False), ("Brixa", "silicone", ["Lavender", "Black"], 18, False)]),
    ("Voltra", "Edge 5 Max", [("Brixa", "wallet", ["Black"], 24, False), ("Brixa", "clear", ["Clear"], 14, False)]),
    ("Arcline", "One S", [("Arcline", "leather", ["Black"], 49, True), ("Brixa", "silicone", ["Red"], 16, False),
                          ("Brixa", "clear", ["Clear"], 12, False)]),
    ("Ovelta", "Neo 7", [("Brixa", "clear", ["Clear"], 10, False), ("Halvora", "rugged", ["Blue"], 19, False),
                         ("Brixa", "wallet", ["Black"], 15, False)]),
]


def cases():
    for pbrand, pline, offers in CASE_LINES:
        for cbrand, material, colours, price, magnetic in offers:
            desc, drop = CASES[material]
            for colour in colours:
                sib = SIBLING.get(pline)
                text = (f"{desc} Made for the {pbrand} {pline} only"
                        f"{f' (it will not fit the {pbrand} {sib})' if sib else ''}, with precise cutouts and a raised lip "
                        f"around the camera. Drop tested from {drop} m. "
                        f"{'Built-in magnets snap onto magnetic chargers and wallets.' if magnetic else 'Works with wireless chargers.'} "
                        f"Colour: {colour.lower()}. Price {money(price)}.")
                add("case", cbrand, f"{material} case", f"{material.title()} Case for {pbrand} {pline}, {colour}", pad(text),
                    compat=f"{pbrand} {pline}", material=material, magnetic=magnetic, color=colour.lower(), price=price)
    for pbrand, pline, price in [("Nimbus", "X12", 19), ("Nimbus", "X12 Pro", 19), ("Voltra", "Edge 5", 14), ("Ovelta", "Neo 7", 9)]:
        text = (f"Two tempered glass screen protectors cut for the {pbrand} {pline}, 9H hardness, with an alignment "
                f"frame for bubble-free install in a minute. Case friendly and keeps the fingerprint reader working. "
                f"Price {money(price)} for the 2-pack.")
        add("screen protector", "Brixa", "glass", f"Tempered Glass Screen Protector for {pbrand} {pline}, 2-Pack", pad(text),
            compat=f"{pbrand} {pline}", price=price)


# ---------------------------------------------------------------------------------------------
# Tablets and tablet accessories
# ---------------------------------------------------------------------------------------------
def tablets():
    # brand, line, inch, {storage: price}, LTE variants {storage: extra price}, colours, pen support, note
    rows = [
        ("Nimbus", "Tab 11", 11, {64: 329, 128: 379, 256: 449}, {128: 100}, ["Grey", "Silver", "Blue"], "Nimbus Pen 2",
         "A 90 Hz screen, quad speakers and an all-day 12 hour battery for streaming and notes."),
        ("Voltra", "Slate 8", 8.4, {64: 199, 128: 239}, {}, ["Black"], None,
         "A one-hand tablet for reading, comics and travel, lighter than a paperback."),
        ("Marveo", "Pad 13 Pro", 13, {256: 1099, 512: 1299}, {512: 150}, ["Space Grey"], "Marveo Pencil Pro",
         "A 120 Hz mini-LED display and a laptop-class chip for drawing, photo editing and multitasking."),
        ("Ovelta", "Tab 10", 10.1, {64: 149}, {}, ["Grey"], None,
         "A budget tablet for video, browsing and school apps, with a microSD slot."),
    ]
    for brand, line, inch, storages, lte, colours, pen, note in rows:
        for storage, price in storages.items():
            for cellular in ([False, True] if storage in lte else [False]):
                for colour in colours:
                    p = price + (lte.get(storage, 0) if cellular else 0)
                    conn = "Wi-Fi + 5G cellular (SIM and eSIM)" if cellular else "Wi-Fi only"
                    pen_s = f"Supports the {pen} stylus (sold separately)." if pen else "No stylus support."
                    text = (f"{brand} {line} tablet with an {inch}-inch display and {storage} GB of storage, {conn}, "
                            f"in {colour.lower()}. {note} {pen_s} Price {money(p)}.")
                    add("tablet", brand, line,
                        f"{line} Tablet {inch}\", {storage}GB, {'Wi-Fi + Cellular' if cellular else 'Wi-Fi'}, {colour}",
                        pad(text), inch=inch, storage=storage, cellular=cellular, stylus=pen is not None, kids=False,
                        price=p, color=colour.lower())
    for colour in ["Blue", "Pink"]:
        text = (f"Ovelta Kids Tab 8 with 32 GB of storage, an 8-inch screen and a drop-proof foam case with a handle, "
                f"in {colour.lower()}. Parental controls, screen-time limits and a year of ad-free kids apps included. "
                f"Wi-Fi only. No stylus support. Price $99.")
        add("tablet", "Ovelta", "Kids Tab 8", f"Kids Tab 8 Tablet 8\", 32GB, Wi-Fi, {colour} Kid-Proof Case", pad(text),
            inch=8, storage=32, cellular=False, stylus=False, kids=True, price=99, color=colour.lower())
    acc = [
        ("Nimbus", "Pen 2", "stylus", "Nimbus Tab 11", 79,
         "Pressure-sensitive stylus with tilt support and palm rejection. Attaches magnetically to the side of the tablet "
         "and charges wirelessly there. Made for the Nimbus Tab 11; it does not work with other tablets."),
        ("Nimbus", "Keyboard Folio", "keyboard", "Nimbus Tab 11", 129,
         "Keyboard cover with a trackpad and backlit keys that connects through the magnetic pins, so there is no "
         "pairing or charging. Protects the front and back of the Nimbus Tab 11 and folds into a stand."),
        ("Marveo", "Pencil Pro", "stylus", "Marveo Pad 13 Pro", 129,
         "Precision stylus with pressure, tilt and a squeeze gesture for tools. Pairs and charges magnetically on the "
         "Marveo Pad 13 Pro; not compatible with other tablets."),
        ("Marveo", "Keyboard Cover", "keyboard", "Marveo Pad 13 Pro", 299,
         "Full-size keyboard cover with a glass trackpad, backlit keys and a USB-C pass-through port. Turns the "
         "Marveo Pad 13 Pro into a laptop with a floating, adjustable hinge."),
        ("Halvora", "Folio", "case", "Nimbus Tab 11", 29,
         "Slim trifold folio case with an auto sleep and wake cover and a holder for the pen. Stands for viewing "
         "and typing. Made for the Nimbus Tab 11."),
        ("Halvora", "Folio", "case", "Voltra Slate 8", 22,
         "Slim trifold folio case with an auto sleep and wake cover, in faux leather. Stands for reading and video. "
         "Made for the Voltra Slate 8."),
        ("Brixa", "Paper-Feel", "screen protector", "Nimbus Tab 11", 19,
         "Matte paper-feel screen protector that adds bite for writing and drawing with a stylus and cuts glare. "
         "Cut for the Nimbus Tab 11."),
    ]
    for brand, line, kind, compat, price, desc in acc:
        title = {"stylus": f"{line} Stylus for {compat}", "keyboard": f"{line} for {compat}",
                 "case": f"{line} Case for {compat}", "screen protector": f"{line} Screen Protector for {compat}"}[kind]
        add("tablet accessory", brand, line, title, pad(f"{desc} Price {money(price)}."), kind=kind, compat=compat, price=price)


# ---------------------------------------------------------------------------------------------
# Laptops
# ---------------------------------------------------------------------------------------------
def laptops():
    # brand, line, inch, [(ram, ssd GB, price)], colours, kind, refresh Hz, weight kg, battery h, gpu, note
    rows = [
        ("Arcline", "Air 13", 13.3, [(8, 256, 699), (16, 512, 899), (16, 1024, 1049)], ["Silver", "Midnight"], "thin", 60, 1.2, 15,
         "integrated graphics", "A fanless, silent aluminium ultrabook for study, office work and travel."),
        ("Arcline", "Air 15", 15.3, [(16, 512, 1199), (24, 1024, 1399)], ["Silver", "Midnight"], "thin", 60, 1.5, 16,
         "integrated graphics", "A big-screen ultrabook with six speakers and a full keyboard."),
        ("Nimbus", "Book 13", 13.5, [(16, 512, 999), (32, 1024, 1299)], ["Graphite"], "business", 60, 1.1, 18,
         "integrated graphics", "A business laptop with a fingerprint reader, privacy shutter and a 3:2 touchscreen."),
        ("Voltra", "Book 14 Flip", 14, [(8, 256, 549), (16, 512, 699)], ["Blue", "Silver"], "convertible", 60, 1.5, 10,
         "integrated graphics", "A 2-in-1 convertible with a 360 degree hinge, touchscreen and pen support."),
        ("Ovelta", "Lite 14", 14, [(4, 128, 279), (8, 256, 349)], ["Grey"], "budget", 60, 1.4, 10,
         "integrated graphics", "A budget laptop for browsing, homework and video calls."),
        ("Ovelta", "Lite 15", 15.6, [(8, 256, 399), (8, 512, 449)], ["Grey"], "budget", 60, 1.7, 9,
         "integrated graphics", "A budget laptop with a number pad and a big 15.6 inch screen."),
        ("Tenvik", "Blade 15", 15.6, [(16, 512, 1099), (16, 1024, 1249)], ["Black"], "gaming", 144, 2.3, 6,
         "dedicated 8 GB graphics card", "A gaming laptop with an RGB keyboard and dual-fan cooling."),
        ("Tenvik", "Blade 16", 16, [(32, 1024, 1899), (32, 2048, 2199)], ["Black"], "gaming", 240, 2.5, 5,
         "dedicated 12 GB graphics card", "A high-end gaming laptop with vapour chamber cooling and a per-key RGB keyboard."),
        ("Tenvik", "Blade 17", 17.3, [(32, 1024, 2099)], ["Black"], "gaming", 165, 2.9, 5,
         "dedicated 12 GB graphics card", "A desktop-replacement gaming laptop with a big 17.3 inch screen."),
        ("Nimbus", "Book 15", 15, [(16, 512, 1149)], ["Graphite", "Silver"], "business", 60, 1.6, 14,
         "integrated graphics", "A business laptop with a fingerprint reader, a number pad and a 3:2 touchscreen."),
        ("Halvora", "Studio 16", 16, [(32, 1024, 2299), (64, 2048, 2999)], ["Silver"], "creator", 120, 2.0, 12,
         "dedicated 8 GB graphics card", "A creator laptop with a colour-calibrated OLED screen for photo and video editing."),
    ]
    for brand, line, inch, variants, colours, kind, hz, kg, hours, gpu, note in rows:
        for ram, ssd, price in variants:
            for colour in colours:
                text = (f"{inch}-inch {brand} {line} laptop with {ram} GB of RAM, a {tb(ssd).replace('GB', ' GB').replace('TB', ' TB')} "
                        f"SSD and {gpu}. {hz} Hz display, {hours} hours of battery, {kg} kg. {note} "
                        f"USB-C charging, HDMI, Wi-Fi 6E. Colour: {colour.lower()}. Price {money(price)}.")
                add("laptop", brand, line, f"{line} Laptop {inch}\", {ram}GB RAM, {tb(ssd)} SSD, {colour}", pad(text),
                    inch=inch, ram=ram, ssd=ssd, kind=kind, gaming=kind == "gaming", hz=hz, weight=kg, hours=hours,
                    touch=kind in ("business", "convertible"), price=price, color=colour.lower())


# ---------------------------------------------------------------------------------------------
# Monitors and TVs
# ---------------------------------------------------------------------------------------------
def monitors():
    # brand, line, inch, resolution, Hz, panel, USB-C watts (0 = none), price, colours, note
    rows = [
        ("Ovelta", "Basic 22", 21.5, "1080p", 60, "VA", 0, 89, ["Black"], "An affordable everyday screen for home offices."),
        ("Arcline", "View 24", 24, "1080p", 75, "IPS", 0, 129, ["Black", "White"], "A slim-bezel office monitor with a low blue light mode."),
        ("Arcline", "View 27", 27, "1080p", 75, "IPS", 0, 159, ["Black"], "A large, simple office monitor with built-in speakers."),
        ("Arcline", "View 27Q", 27, "1440p", 165, "IPS", 0, 279, ["Black", "White"], "A sharp QHD monitor with adaptive sync for work and play."),
        ("Arcline", "View 32Q", 32, "1440p", 165, "VA", 0, 329, ["Black"], "A curved 1500R QHD monitor with adaptive sync."),
        ("Brixa", "UHD 24", 24, "4K", 60, "IPS", 0, 259, ["Black"], "A crisp 4K office monitor with very sharp text."),
        ("Marveo", "Pro 27", 27, "4K", 60, "IPS", 90, 379, ["Silver"], "A factory-calibrated 4K monitor for photo work, with a USB hub."),
        ("Marveo", "Pro 32", 32, "4K", 60, "IPS", 90, 499, ["Silver"], "A factory-calibrated 4K monitor with a USB hub and ethernet port."),
        ("Tenvik", "Strike 24", 24, "1080p", 240, "TN", 0, 219, ["Black"], "An esports monitor with 1 ms response for competitive shooters."),
        ("Tenvik", "Strike 27", 27, "1440p", 240, "IPS", 0, 399, ["Black"], "A fast QHD gaming monitor with 1 ms response and HDR400."),
        ("Tenvik", "Strike 27U", 27, "4K", 144, "IPS", 0, 599, ["Black"], "A 4K gaming monitor with HDMI 2.1 for consoles and PCs."),
        ("Ovelta", "Basic 24", 23.8, "1080p", 100, "IPS", 0, 99, ["Black"], "A budget everyday monitor with a smooth 100 Hz refresh rate."),
        ("Tenvik", "Strike 32U", 32, "4K", 144, "IPS", 0, 749, ["Black"], "A big 4K gaming monitor with HDMI 2.1 and a built-in KVM switch."),
        ("Halvora", "Wide 34", 34, "1440p ultrawide", 100, "VA", 65, 449, ["Black"],
         "A curved 21:9 ultrawide (3440 x 1440) for spreadsheets, editing timelines and immersive games."),
        ("Nimbus", "Go 15", 15.6, "1080p", 60, "IPS", 0, 159, ["Grey"],
         "A portable monitor for laptops, powered and fed by a single USB-C cable, with a folding cover stand."),
    ]
    for brand, line, inch, res, hz, panel, usbc, price, colours, note in rows:
        for colour in colours:
            res_s = {"1080p": "Full HD 1080p", "1440p": "QHD 1440p", "4K": "4K UHD", "1440p ultrawide": "ultrawide QHD 1440p"}[res]
            ports = (f"USB-C with {usbc} W power delivery charges a laptop over one cable, plus HDMI and DisplayPort."
                     if usbc else ("Connects over USB-C or mini HDMI." if line == "Go 15" else "HDMI and DisplayPort inputs, no USB-C."))
            text = (f"{inch}-inch {panel} monitor at {res_s} resolution and {hz} Hz refresh rate. {note} {ports} "
                    f"{'Height-adjustable stand. ' if price > 200 else 'Tilt stand, VESA mount. '}Colour: {colour.lower()}. Price {money(price)}.")
            title = f"{line} {inch}\" {res_s.replace('ultrawide QHD 1440p', 'Ultrawide QHD')} {'Curved ' if 'curved' in note else ''}{'Portable ' if line == 'Go 15' else ''}Monitor, {hz}Hz"
            add("monitor", brand, line, title + (f", {colour}" if len(colours) > 1 else ""), pad(text),
                inch=inch, res=res.split()[0], ultrawide="ultrawide" in res, hz=hz, panel=panel, usbc=usbc > 0,
                curved="urved" in note, portable=line == "Go 15", price=price, color=colour.lower())


def tvs():
    # brand, line, panel, {inch: (resolution, Hz, price)}, note
    rows = [
        ("Brixa", "Basic", "LED", {32: ("720p HD", 60, 149), 40: ("1080p Full HD", 60, 199), 43: ("4K", 60, 249), 50: ("4K", 60, 299)},
         "A simple smart TV with the popular streaming apps built in, for bedrooms and kitchens."),
        ("Ovelta", "Vista", "QLED", {43: ("4K", 60, 349), 50: ("4K", 60, 429), 55: ("4K", 120, 529), 65: ("4K", 120, 799), 75: ("4K", 120, 1099)},
         "Quantum dot colour and a bright picture for sunny living rooms, with HDR10 and a voice remote."),
        ("Marveo", "Lumina", "OLED", {48: ("4K", 120, 899), 55: ("4K", 120, 1199), 65: ("4K", 120, 1699), 77: ("4K", 120, 2799)},
         "Self-lit pixels give perfect blacks and wide viewing angles for movie nights; four HDMI 2.1 ports for gaming."),
        ("Halvora", "Frame", "QLED", {55: ("4K", 120, 1299), 65: ("4K", 120, 1799)},
         "A wall-hugging TV with a matte anti-glare screen that shows artwork when idle; slim wall mount included."),
        ("Nimbus", "Vivid", "Mini-LED", {65: ("4K", 144, 1299), 75: ("4K", 144, 1799)},
         "Thousands of local dimming zones for very bright HDR, and a 144 Hz mode for PC and console gaming."),
    ]
    for brand, line, panel, sizes, note in rows:
        for inch, (res, hz, price) in sizes.items():
            text = (f"{inch}-inch {res} {panel} smart TV with a {hz} Hz panel. {note} "
                    f"Wi-Fi, Bluetooth and {'four' if panel == 'OLED' else 'three'} HDMI inputs. Price {money(price)}.")
            add("tv", brand, line, f"{line} {inch}\" {res.split()[0]} {panel} Smart TV, {hz}Hz", pad(text),
                inch=inch, panel=panel.lower(), res="4K" if res == "4K" else res.split()[0], hz=hz, price=price)


# ---------------------------------------------------------------------------------------------
# Audio: headphones, earbuds, speakers
# ---------------------------------------------------------------------------------------------
def headphones():
    # brand, line, fit, wireless, ANC, hours, colours, price, extra attrs, description
    rows = [
        ("Nimbus", "Aura 700", "over-ear", True, True, 30, ["Black", "Silver", "Navy"], 299, {},
         "Flagship noise cancelling headphones with eight microphones for clear calls and adaptive ANC for flights and commutes."),
        ("Nimbus", "Aura 500", "over-ear", True, True, 40, ["Black"], 199, {},
         "Noise cancelling headphones with a lighter build and a longer battery than the Aura 700."),
        ("Tenvik", "Quiet Air", "over-ear", True, True, 60, ["Black", "Beige"], 129, {},
         "Affordable hybrid noise cancelling headphones with plush memory foam cushions."),
        ("Arcline", "Go", "on-ear", True, False, 50, ["Black", "White", "Pink", "Blue"], 59, {},
         "Lightweight everyday headphones that fold flat, with no noise cancelling."),
        ("Arcline", "Go Max", "over-ear", True, False, 70, ["Black", "White"], 79, {},
         "Comfortable everyday over-ear headphones with a 70 hour battery and no noise cancelling."),
        ("Kyrosa", "Kids", "on-ear", True, False, 24, ["Blue", "Pink", "Green"], 35, {"kids": True},
         "Headphones for children with the volume limited to a safe 85 dB and a bendable headband."),
        ("Voltra", "Studio Reference", "over-ear", False, False, 0, ["Black"], 149, {"studio": True},
         "Closed-back wired studio headphones with a flat response for mixing, recording and monitoring. 3 m coiled cable with a 6.35 mm adapter."),
        ("Solvane", "OpenRun", "open-ear", True, False, 10, ["Black", "Grey", "Blue"], 119, {"running": True, "ip": 67},
         "Bone conduction headphones that leave your ears open so you hear traffic on runs and rides. IP67 sweatproof."),
    ]
    for brand, line, fit, wireless, anc, hours, colours, price, extra, desc in rows:
        for colour in colours:
            conn = f"Bluetooth 5.3 with multipoint pairing and {hours} hours of battery." if wireless else "Wired only; no battery or Bluetooth."
            text = (f"{brand} {line} {fit} headphones in {colour.lower()}. {desc} {conn} "
                    f"{'Active noise cancelling with a transparency mode.' if anc else 'No active noise cancelling.'} Price {money(price)}.")
            title = (f"{line} {'Wireless' if wireless else 'Wired Studio'} {fit.title()} Headphones"
                     f"{' with Active Noise Cancelling' if anc else ''}{', Bone Conduction' if fit == 'open-ear' else ''}, {colour}")
            attrs = dict(fit=fit, wireless=wireless, anc=anc, hours=hours, color=colour.lower(), price=price,
                         kids=False, studio=False, running=False, ip=0)
            attrs.update(extra)
            add("headphones", brand, line, title, pad(text), **attrs)


def earbuds():
    # brand, line, ANC, IP rating (0 = none), hours, case hours, colours, price, extra, description
    rows = [
        ("Nimbus", "Buds Pro 2", True, 4, 6, 30, ["White", "Black"], 199, {"wireless_case": True},
         "Premium earbuds with adaptive noise cancelling, spatial audio and a wireless charging case."),
        ("Nimbus", "Buds Lite", False, 4, 5, 20, ["White", "Black", "Green", "Lilac"], 59, {},
         "Lightweight everyday earbuds with clear calls and one-tap pairing."),
        ("Voltra", "Sport Fit", False, 7, 9, 27, ["Black", "Red", "Blue"], 89, {"sport": True},
         "Secure ear hooks keep them in place for running, gym sessions and cycling."),
        ("Voltra", "Sport Fit ANC", True, 5, 8, 24, ["Black"], 129, {"sport": True},
         "Secure ear hooks for running and workouts, plus noise cancelling for the gym."),
        ("Arcline", "Pods Air", True, 4, 7, 28, ["White", "Black"], 99, {"wireless_case": True},
         "Noise cancelling earbuds with a slim wireless charging case and a transparency mode."),
        ("Tenvik", "Game Buds", False, 4, 6, 24, ["Black", "White"], 79, {"gaming": True},
         "Gaming earbuds with a 2.4 GHz USB-C dongle for 30 ms low latency on PC, consoles and phones."),
        ("Ovelta", "Basics", False, 0, 5, 15, ["Black", "White"], 25, {},
         "Budget earbuds for calls and podcasts, with no water resistance."),
        ("Solvane", "Sleep Buds", True, 0, 10, 30, ["White"], 149, {"sleep": True},
         "Tiny, flush-fitting sleep earbuds with noise masking sounds and a sleep timer, comfortable for side sleepers."),
    ]
    for brand, line, anc, ip, hours, case_h, colours, price, extra, desc in rows:
        for colour in colours:
            water = f"IPX{ip} water and sweat resistant." if ip else "Not water resistant."
            text = (f"{brand} {line} true wireless earbuds in {colour.lower()}. {desc} {hours} hours per charge and "
                    f"{case_h} hours with the case. {water} "
                    f"{'Active noise cancelling.' if anc else 'No active noise cancelling.'} Price {money(price)}.")
            title = f"{line} True Wireless Earbuds{', Noise Cancelling' if anc else ''}{f', IPX{ip}' if ip else ''}, {colour}"
            attrs = dict(anc=anc, ip=ip, hours=hours, case_hours=case_h, color=colour.lower(), price=price,
                         sport=False, gaming=False, sleep=False, wireless_case=False)
            attrs.update(extra)
            add("earbuds", brand, line, title, pad(text), **attrs)


def speakers():
    # brand, line, kind, watts, IP (0 none), battery h (0 mains), colours, price, extra, description
    rows = [
        ("Voltra", "Boom Mini", "portable", 5, 67, 10, ["Black", "Teal", "Orange"], 39, {},
         "A palm-sized speaker with a strap for bikes and backpacks; it floats in the pool."),
        ("Voltra", "Boom 20", "portable", 20, 67, 15, ["Black", "Blue", "Red"], 99, {},
         "A portable speaker with deep bass for the beach and the pool."),
        ("Voltra", "Boom Party", "portable", 80, 4, 24, ["Black"], 249, {"party": True},
         "A big party speaker with light effects, a handle and a karaoke microphone input; splash resistant only."),
        ("Nimbus", "Home Mini", "smart", 10, 0, 0, ["Charcoal", "Chalk", "Sky Blue"], 49, {"assistant": True},
         "A small smart speaker with a voice assistant for timers, music, smart home control and intercom."),
        ("Nimbus", "Home Max", "smart", 60, 0, 0, ["Charcoal"], 299, {"assistant": True},
         "A room-filling smart speaker with a voice assistant and stereo pairing."),
        ("Marveo", "Cinema 2.1", "soundbar", 300, 0, 0, ["Black"], 349, {"subwoofer": True},
         "A TV soundbar with a wireless subwoofer, HDMI eARC, virtual surround and a night mode."),
        ("Marveo", "Cinema Compact", "soundbar", 100, 0, 0, ["Black"], 129, {"subwoofer": False},
         "A compact TV soundbar with no separate subwoofer, HDMI eARC and optical input, with a dialogue boost mode."),
        ("Halvora", "Shelf 50", "bookshelf", 50, 0, 0, ["Walnut", "Black"], 179, {"phono": True},
         "A pair of powered bookshelf speakers with a phono input for turntables, optical and Bluetooth."),
    ]
    for brand, line, kind, watts, ip, hours, colours, price, extra, desc in rows:
        for colour in colours:
            power = f"{hours} hours of battery." if hours else "Mains powered, no battery."
            water = f"IP{ip} {'waterproof and dustproof' if ip >= 67 else 'splash resistant'}." if ip else "Not waterproof; for indoor use."
            text = (f"{brand} {line} {watts} W {kind} speaker in {colour.lower()}. {desc} {power} {water} "
                    f"Bluetooth 5.3. Price {money(price)}.")
            name = {"portable": "Portable Bluetooth Speaker", "smart": "Smart Speaker with Voice Assistant",
                    "soundbar": "Soundbar" + (" with Wireless Subwoofer" if extra.get("subwoofer") else ""),
                    "bookshelf": "Powered Bookshelf Speakers, Pair"}[kind]
            attrs = dict(kind=kind, watts=watts, ip=ip, hours=hours, color=colour.lower(), price=price,
                         waterproof=ip >= 67, assistant=False, subwoofer=False, phono=False, party=False)
            attrs.update(extra)
            add("speaker", brand, line, f"{line} {name}, {watts}W{', Waterproof' if ip >= 67 else ''}, {colour}", pad(text), **attrs)


# ---------------------------------------------------------------------------------------------
# Power: chargers, cables, power banks, hubs
# ---------------------------------------------------------------------------------------------
def chargers():
    # brand, kind, watts, USB-C ports, USB-A ports, GaN, colours, price, extra
    rows = [
        ("Nimbus", "wall", 20, 1, 0, False, ["White"], 19, {}),
        ("Voltra", "wall", 30, 1, 0, True, ["White", "Black"], 25, {}),
        ("Nimbus", "wall", 45, 2, 0, False, ["White"], 39, {}),
        ("Arcline", "wall", 65, 2, 0, False, ["Black"], 39, {}),
        ("Voltra", "wall", 65, 2, 1, True, ["White", "Black"], 45, {}),
        ("Voltra", "wall", 100, 3, 1, True, ["Black"], 69, {}),
        ("Voltra", "wall", 140, 2, 1, True, ["Black"], 99, {}),
        ("Brixa", "wall", 12, 0, 2, False, ["White"], 9, {}),
        ("Brixa", "wall", 25, 1, 0, False, ["White", "Black"], 12, {}),
        ("Arcline", "wall", 30, 1, 0, True, ["White", "Lilac"], 22, {}),
        ("Nimbus", "wall", 35, 2, 0, True, ["White"], 35, {}),
        ("Arcline", "car", 65, 2, 0, False, ["Black"], 32, {}),
        ("Voltra", "desktop", 200, 4, 2, True, ["Grey"], 129, {}),
        ("Arcline", "car", 45, 1, 1, False, ["Black"], 22, {}),
        ("Brixa", "car", 30, 1, 1, False, ["Black"], 15, {}),
        ("Nimbus", "wireless", 15, 0, 0, False, ["White"], 39, {"magnetic": True}),
        ("Nimbus", "wireless", 15, 0, 0, False, ["White"], 99, {"magnetic": True, "three_in_one": True}),
        ("Voltra", "wireless", 10, 0, 0, False, ["Black"], 25, {}),
    ]
    for brand, kind, watts, c, a, gan, colours, price, extra in rows:
        for colour in colours:
            ports = c + a
            port_s = " and ".join(s for s in [f"{c} USB-C" if c else "", f"{a} USB-A" if a else ""] if s)
            if kind == "wireless":
                if extra.get("three_in_one"):
                    title = f"3-in-1 Wireless Charging Stand, {watts}W, Magnetic, {colour}"
                    text = (f"{watts} W magnetic wireless charging stand that charges a phone, a smart watch and earbuds at "
                            f"the same time. Foldable for travel, with a {watts + 15} W wall adapter in the box. Works with "
                            f"any Qi-compatible phone.")
                else:
                    title = f"{'Magnetic ' if extra.get('magnetic') else ''}Wireless Charging Pad, {watts}W, {colour}"
                    text = (f"{watts} W wireless charging pad for one Qi-compatible phone or earbuds case. "
                            f"{'Magnets align the phone perfectly. ' if extra.get('magnetic') else 'Non-slip surface and a sleep-friendly dim LED. '}"
                            f"Charges through cases up to 5 mm.")
            elif kind == "car":
                title = f"{watts}W USB-C Car Charger, {ports} Ports ({port_s}), {colour}"
                text = (f"{watts} W car charger for the 12 V socket with {port_s} ports. "
                        f"{'Charges a laptop on the road' if watts >= 60 else 'Fast-charges two phones on the road'} "
                        f"with USB-C power delivery. Flush-fit metal body with a blue ring light.")
            elif kind == "desktop":
                title = f"{watts}W GaN Desktop Charging Station, {ports} Ports, {colour}"
                text = (f"{watts} W desktop charging station with {port_s} ports for charging two laptops, a tablet "
                        f"and phones at once. GaN design, with a display that shows the power on each port.")
            else:
                title = f"{watts}W {'USB-C' if c else 'USB-A'} {'GaN ' if gan else ''}Wall Charger, {ports} Port{'s' if ports > 1 else ''}, {colour}"
                use = ("Powerful enough to charge laptops at full speed" if watts >= 60 else
                       "Fast-charges phones and tablets, and charges small laptops slowly" if watts >= 30 else
                       "Fast-charges phones and earbuds but is too slow for laptops" if watts >= 20 else
                       "A basic charger for phones, earbuds and small gadgets, with no fast charging")
                text = (f"{watts} W wall charger with {port_s} port{'s' if ports > 1 else ''}. {use}. "
                        f"{'Gallium nitride (GaN) keeps it small and cool. ' if gan else ''}"
                        f"{'Foldable prongs, with ' if watts >= 30 else 'With '}over-current and overheating protection.")
            text += f" Colour: {colour.lower()}. Price {money(price)}."
            attrs = dict(kind=kind, watts=watts, ports=ports, usbc=c, usba=a, gan=gan, color=colour.lower(), price=price,
                         magnetic=False, three_in_one=False)
            attrs.update(extra)
            add("charger", brand, f"{kind} charger", title, pad(text), **attrs)


def cables():
    # brand, kind, [lengths m], watts, data, braided, price by length, extra note
    rows = [
        ("Voltra", "usb-c to usb-c", [1, 2, 3], 240, "USB 2.0 480 Mbps", True, {1: 15, 2: 19, 3: 22},
         "Rated for 240 W, so it charges even the biggest gaming laptops at full speed."),
        ("Voltra", "usb-c to usb-c", [0.3, 1, 2], 100, "USB 2.0 480 Mbps", False, {0.3: 8, 1: 10, 2: 13},
         "Rated for 100 W laptop charging."),
        ("Brixa", "usb-c to usb-c", [1, 2], 60, "USB 2.0 480 Mbps", False, {1: 7, 2: 9},
         "Rated for 60 W, fine for phones and tablets but too slow for big laptops. Sold as a 2-pack."),
        ("Nimbus", "usb4", [0.8], 240, "USB4 40 Gbps", True, {0.8: 39},
         "Carries 40 Gbps data, 8K displays and 240 W charging for docks and fast external SSDs."),
        ("Arcline", "usb-a to usb-c", [0.3, 1, 2], 15, "USB 2.0 480 Mbps", True, {0.3: 6, 1: 8, 2: 10},
         "For charging phones and controllers from older USB-A chargers and computers."),
        ("Arcline", "usb-c to hdmi", [2], 0, "4K 60 Hz video", True, {2: 19},
         "Connects a USB-C laptop or tablet to a TV, monitor or projector. Video only, it does not charge."),
        ("Tenvik", "hdmi", [1, 2, 3], 0, "HDMI 2.1 48 Gbps, 4K 120 Hz and 8K 60 Hz", False, {1: 12, 2: 15, 3: 18},
         "Ultra high speed cable for consoles, gaming PCs and 120 Hz TVs."),
        ("Tenvik", "displayport", [1, 2, 3], 0, "DisplayPort 1.4, 4K 144 Hz", False, {1: 11, 2: 14, 3: 17},
         "For high refresh rate gaming monitors on desktop graphics cards."),
        ("Brixa", "ethernet", [5, 10, 20], 0, "Cat 6 gigabit ethernet", False, {5: 9, 10: 12, 20: 17},
         "Flat ethernet cable that slides under doors and carpets, with snagless connectors."),
    ]
    names = {"usb-c to usb-c": "USB-C to USB-C Cable", "usb4": "USB4 Cable", "usb-a to usb-c": "USB-A to USB-C Cable",
             "usb-c to hdmi": "USB-C to HDMI Cable", "hdmi": "HDMI 2.1 Cable", "displayport": "DisplayPort 1.4 Cable",
             "ethernet": "Cat 6 Ethernet Cable"}
    for brand, kind, lengths, watts, data, braided, prices, note in rows:
        for m in lengths:
            ms = f"{m:g}"
            text = (f"{ms} metre {names[kind].replace('Cable', 'cable')}: {data}. {note} "
                    f"{'Nylon braided jacket tested to 30,000 bends.' if braided else 'Flexible PVC jacket, not braided.'} "
                    f"Price {money(prices[m])}.")
            title = f"{names[kind]} {ms}m" + (f", {watts}W" if watts else "") + (", Braided" if braided else "") + (", 2-Pack" if brand == "Brixa" and kind != "ethernet" else "")
            add("cable", brand, kind, title, pad(text), kind=kind, length=m, watts=watts, braided=braided, price=prices[m])


def powerbanks():
    # brand, mAh, W, magnetic, colours, price, note
    rows = [
        ("Brixa", 10000, 12, False, ["Black"], 15, "A basic USB-A power bank that charges a phone about twice."),
        ("Voltra", 10000, 20, False, ["Black", "White"], 29, "A slim USB-C power bank that charges a phone about twice."),
        ("Voltra", 20000, 30, False, ["Black", "White"], 45, "Charges a phone four times or a tablet once."),
        ("Arcline", 20000, 65, False, ["Grey", "Black"], 69, "Charges a laptop on the go, with a built-in USB-C cable."),
        ("Voltra", 26800, 100, False, ["Black"], 99, "Charges even a 16-inch laptop at full speed; 99 Wh, within airline cabin limits."),
        ("Nimbus", 5000, 15, True, ["White", "Blue", "Purple"], 39, "Snaps magnetically to the back of the phone and charges it wirelessly."),
        ("Nimbus", 10000, 15, True, ["White"], 55, "Snaps magnetically to the back of the phone and charges it wirelessly, with a kickstand."),
        ("Brixa", 20000, 12, False, ["Black"], 25, "A basic USB-A power bank that charges a phone about four times."),
        ("Halvora", 20000, 20, False, ["Orange"], 49, "A rugged IP65 power bank with a solar panel and a flashlight for camping."),
    ]
    for brand, mah, w, magnetic, colours, price, note in rows:
        for colour in colours:
            laptop = w >= 45
            text = (f"{mah:,} mAh portable battery with {w} W output"
                    f"{' over USB-C power delivery' if brand != 'Brixa' else ' over two USB-A ports'}. {note} "
                    f"{'Powerful enough for laptops. ' if laptop else 'Not powerful enough to charge laptops. '}"
                    f"{'Magnetic wireless charging. ' if magnetic else ''}Colour: {colour.lower()}. Price {money(price)}.")
            title = (f"{'Magnetic Wireless ' if magnetic else ''}Power Bank {mah}mAh, {w}W"
                     f"{' USB-C PD' if brand != 'Brixa' else ''}{', Solar' if brand == 'Halvora' else ''}, {colour}")
            add("power bank", brand, f"{mah} power bank", title, pad(text), mah=mah, watts=w, magnetic=magnetic, laptop=laptop,
                solar=brand == "Halvora", color=colour.lower(), price=price)


def hubs():
    rows = [
        ("Arcline", "7-in-1 USB-C Hub", 45, dict(kind="hub", hdmi=1, sd=True, ethernet=False, usba=3, pd=100),
         "One HDMI port (4K 30 Hz), SD and microSD card readers, three USB-A ports and 100 W pass-through charging."),
        ("Arcline", "11-in-1 USB-C Docking Station", 99, dict(kind="dock", hdmi=2, sd=True, ethernet=True, usba=4, pd=100),
         "Two HDMI ports for dual monitors, gigabit ethernet, SD and microSD readers, four USB-A ports, audio jack and 100 W pass-through charging."),
        ("Voltra", "USB-C to Ethernet Adapter", 19, dict(kind="adapter", hdmi=0, sd=False, ethernet=True, usba=0, pd=0),
         "A single gigabit ethernet port for a faster, steadier connection than Wi-Fi. No HDMI or card reader."),
        ("Brixa", "4-Port USB 3.0 Hub", 12, dict(kind="hub", hdmi=0, sd=False, ethernet=False, usba=4, pd=0),
         "Four USB-A 3.0 ports on a USB-A plug for older computers. No HDMI, card reader or charging pass-through."),
        ("Nimbus", "USB-C Travel Hub 5-in-1", 35, dict(kind="hub", hdmi=1, sd=False, ethernet=False, usba=2, pd=65),
         "One HDMI port (4K 60 Hz), two USB-A ports, one USB-C data port and 65 W pass-through charging, no card reader."),
    ]
    for brand, name, price, attrs, desc in rows:
        plug = "older computers with USB-A" if "3.0" in name else "laptops and tablets with USB-C"
        text = (f"{brand} {name} for {plug}. {desc} Plug and play, no drivers, "
                f"aluminium shell. Price {money(price)}.")
        add("hub", brand, name, name, pad(text), price=price, **attrs)


# ---------------------------------------------------------------------------------------------
# Input: keyboards, mice
# ---------------------------------------------------------------------------------------------
def keyboards():
    # brand, line, type, layout, wireless, switches, colours, price, extra, description
    rows = [
        ("Tenvik", "K75", "mechanical", "75%", True, ["red", "brown"], ["Black"], 119, {"rgb": True},
         "A compact 75% mechanical keyboard with hot-swappable switches, a volume knob and per-key RGB lighting."),
        ("Tenvik", "K100", "mechanical", "full-size", False, ["red", "brown", "blue"], ["Black"], 89, {"rgb": True},
         "A full-size mechanical gaming keyboard with a number pad, per-key RGB lighting and a detachable wrist rest."),
        ("Tenvik", "K60", "mechanical", "60%", False, ["red"], ["White", "Black"], 59, {"rgb": True},
         "A tiny 60% mechanical keyboard with no arrow keys or number pad, for a clean desk and mouse room."),
        ("Halvora", "Classic TKL", "mechanical", "tenkeyless", True, ["brown"], ["Grey"], 99, {"rgb": False},
         "A tenkeyless mechanical keyboard with white backlight, PBT keycaps and three-device Bluetooth."),
        ("Arcline", "Slim", "low-profile", "full-size", True, [None], ["White", "Graphite", "Pink"], 69, {"multi": True},
         "A slim, quiet scissor-switch keyboard with a number pad that pairs with three devices and switches with one key."),
        ("Arcline", "Slim Compact", "low-profile", "tenkeyless", True, [None], ["White"], 49, {"multi": True},
         "A quiet scissor-switch keyboard without a number pad that pairs with three devices."),
        ("Solvane", "Ergo Split", "low-profile", "split", True, [None], ["Black"], 89, {"ergonomic": True},
         "An ergonomic split keyboard with a cushioned palm rest and a tented shape that keeps wrists straight."),
        ("Ovelta", "Basic", "membrane", "full-size", False, [None], ["Black"], 15, {},
         "A plain, spill-resistant membrane keyboard with quiet keys and a number pad."),
    ]
    for brand, line, typ, layout, wireless, switches, colours, price, extra, desc in rows:
        for sw in switches:
            for colour in colours:
                conn = ("Bluetooth and 2.4 GHz wireless with a rechargeable battery." if wireless
                        else "Wired USB-C connection, no batteries.")
                sw_s = {"red": "Linear red switches are smooth and quiet for gaming.",
                        "brown": "Tactile brown switches give a soft bump for typing.",
                        "blue": "Clicky blue switches give loud, crisp feedback."}.get(sw, "")
                text = (f"{brand} {line} {typ} keyboard, {layout} layout, in {colour.lower()}. {desc} {sw_s} {conn} "
                        f"Price {money(price)}.")
                title = (f"{line} {'Wireless ' if wireless else 'Wired '}{typ.title()} Keyboard, "
                         f"{layout.title() if layout != '75%' and layout != '60%' else layout}"
                         f"{f', {sw.title()} Switches' if sw else ''}, {colour}")
                attrs = dict(type=typ, layout=layout, wireless=wireless, switch=sw, color=colour.lower(), price=price,
                             rgb=False, multi=False, ergonomic=False)
                attrs.update(extra)
                add("keyboard", brand, line, title, pad(text), **attrs)


def mice():
    # brand, line, kind, wireless, dpi, buttons, grams, silent, hand, colours, price, description
    rows = [
        ("Tenvik", "Strike M1", "gaming", False, 26000, 6, 58, False, "right", ["Black", "White"], 49,
         "An ultralight gaming mouse with an optical sensor and a flexible paracord cable."),
        ("Tenvik", "Strike M1 Wireless", "gaming", True, 26000, 6, 63, False, "right", ["Black", "White"], 89,
         "The wireless version of the Strike M1 with a 2.4 GHz dongle and 90 hours of battery."),
        ("Solvane", "Vertical", "ergonomic", True, 4000, 6, 110, False, "right", ["Black"], 39,
         "A vertical ergonomic mouse with a handshake grip that eases wrist strain. For the right hand."),
        ("Solvane", "Vertical", "ergonomic", True, 4000, 6, 110, False, "right", ["Grey"], 39,
         "A vertical ergonomic mouse with a handshake grip that eases wrist strain. For the right hand."),
        ("Solvane", "Vertical Left", "ergonomic", True, 4000, 6, 110, False, "left", ["Black"], 42,
         "A vertical ergonomic mouse with a handshake grip that eases wrist strain. Made for left-handed users."),
        ("Halvora", "Flow", "productivity", True, 8000, 7, 140, True, "right", ["Graphite", "Pale Grey"], 99,
         "A sculpted productivity mouse with a fast scroll wheel, a thumb wheel for horizontal scrolling and three-device pairing."),
        ("Arcline", "Travel", "travel", True, 1600, 3, 60, True, "both", ["Black", "Rose", "White", "Blue"], 25,
         "A compact Bluetooth mouse that fits a jacket pocket."),
        ("Arcline", "Silent", "office", True, 1600, 3, 85, True, "both", ["Black", "Pink"], 19,
         "A full-size office mouse with near-silent clicks and an 18-month AA battery."),
        ("Ovelta", "Basic", "office", False, 1000, 3, 90, False, "both", ["Black"], 8,
         "A plain wired optical mouse for everyday desk work."),
    ]
    for brand, line, kind, wireless, dpi, buttons, grams, silent, hand, colours, price, desc in rows:
        for colour in colours:
            text = (f"{brand} {line} {kind} mouse in {colour.lower()}. {desc} "
                    f"{'Wireless' if wireless else 'Wired USB'}, up to {dpi:,} DPI, {buttons} buttons, {grams} g. "
                    f"{'Silent clicks. ' if silent else 'Standard audible clicks. '}"
                    f"{'Ambidextrous shape. ' if hand == 'both' else ''}Price {money(price)}.")
            words = [line] + [w for w in ("Wireless" if wireless else "Wired", kind.title()) if w not in line]
            title = (f"{' '.join(words)} Mouse{', Left-Handed' if hand == 'left' else ''}"
                     f"{', Silent Clicks' if silent and 'Silent' not in line else ''}, {colour}")
            add("mouse", brand, line, title, pad(text), kind=kind, wireless=wireless, dpi=dpi, silent=silent, hand=hand,
                grams=grams, color=colour.lower(), price=price)


# ---------------------------------------------------------------------------------------------
# Cameras, watches, routers, storage, gaming accessories
# ---------------------------------------------------------------------------------------------
def cameras():
    rows = [
        # brand, line, title, kind, attrs, description
        ("Marveo", "Z6", "Z6 Mirrorless Camera, Body Only", "mirrorless", dict(mp=24, video="4K", kit=False, flip=True, price=999),
         "APS-C mirrorless camera with 24 MP, in-body stabilization, 4K 30p video and a flip-out touchscreen. Body only, no lens."),
        ("Marveo", "Z6", "Z6 Mirrorless Camera with 18-55mm Kit Lens", "mirrorless", dict(mp=24, video="4K", kit=True, flip=True, price=1149),
         "APS-C mirrorless camera with 24 MP, in-body stabilization, 4K 30p video and a flip-out touchscreen, bundled with an 18-55 mm zoom lens."),
        ("Marveo", "Z8", "Z8 Full-Frame Mirrorless Camera, Body Only", "mirrorless", dict(mp=45, video="8K", kit=False, flip=False, price=2499),
         "Full-frame mirrorless camera with 45 MP, 8K video, bird and animal eye autofocus and dual card slots. Tilting screen. Body only, no lens."),
        ("Marveo", "Z8", "Z8 Full-Frame Mirrorless Camera with 24-70mm Lens", "mirrorless", dict(mp=45, video="8K", kit=True, flip=False, price=3499),
         "Full-frame mirrorless camera with 45 MP, 8K video, bird and animal eye autofocus and dual card slots. Tilting screen. Bundled with a 24-70 mm f/4 zoom lens."),
        ("Marveo", "Z3", "Z3 Compact Vlogging Camera", "compact", dict(mp=20, video="4K", kit=False, flip=True, price=649),
         "Pocket vlogging camera with a fixed 24-70 mm zoom lens, 4K video, a directional microphone and a flip screen for selfies."),
        ("Arcline", "Action 4", "Action 4 Action Camera", "action", dict(mp=27, video="5.3K", waterproof_m=10, price=349),
         "Action camera with 5.3K 60p video, horizon-levelling stabilization and front and rear screens. Waterproof to 10 m without a housing."),
        ("Arcline", "Action 4 Lite", "Action 4 Lite Action Camera", "action", dict(mp=12, video="4K", waterproof_m=0, price=179),
         "Action camera with 4K 30p video and stabilization. Not waterproof on its own: it needs the included dive housing, rated to 30 m."),
        ("Nimbus", "Cam HD", "Cam HD Webcam 1080p", "webcam", dict(mp=2, video="1080p", price=39),
         "Full HD 1080p webcam with a privacy shutter and stereo microphones for video calls. Clips onto laptops and monitors."),
        ("Nimbus", "Cam Pro", "Cam Pro 4K Webcam", "webcam", dict(mp=8, video="4K", price=129),
         "4K webcam with autofocus, light correction for dim rooms and noise-cancelling microphones for meetings and streaming."),
        ("Halvora", "Guard", "Guard Indoor Pan-Tilt Security Camera 2K", "security", dict(video="2K", outdoor=False, battery=False, price=35),
         "Indoor 2K security camera that pans and tilts to follow motion, with night vision and two-way talk. Plug-in power."),
        ("Halvora", "Guard", "Guard Outdoor Battery Security Camera 2K", "security", dict(video="2K", outdoor=True, battery=True, price=79),
         "Wire-free outdoor 2K security camera with a six-month battery, colour night vision and IP66 weatherproofing."),
        ("Halvora", "Guard", "Guard Floodlight Outdoor Security Camera", "security", dict(video="1080p", outdoor=True, battery=False, price=129),
         "Outdoor 1080p security camera with a bright floodlight and siren. Hard-wired power, IP65 weatherproof."),
        ("Halvora", "Guard", "Guard Video Doorbell 2K", "doorbell", dict(video="2K", outdoor=True, battery=True, price=89),
         "Battery video doorbell with a 2K head-to-toe view, package detection, a chime and quick replies to visitors."),
        ("Tenvik", "Road 4K", "Road 4K Dash Cam, Front and Rear", "dashcam", dict(video="4K", rear=True, price=119),
         "4K front and 1080p rear dash cam with a parking mode, GPS logging and Wi-Fi download to your phone."),
        ("Tenvik", "Road Mini", "Road Mini Dash Cam 1080p", "dashcam", dict(video="1080p", rear=False, price=45),
         "Tiny 1080p front-only dash cam that hides behind the mirror, with loop recording and crash detection."),
    ]
    for brand, line, title, kind, attrs, desc in rows:
        base = dict(mp=0, kit=False, flip=False, waterproof_m=0, outdoor=False, battery=False, rear=False)
        base.update(attrs)
        text = f"{brand} {title.lower()}. {desc} Price {money(base['price'])}."
        add("camera", brand, line, title, pad(text), kind=kind, **base)


def memory():
    rows = [
        # brand, line, kind, {GB: price}, read MB/s, note
        ("Voltra", "microSD Pro", "microsd", {64: 12, 128: 19, 256: 32, 512: 59}, 170,
         "A2 V30 microSD card with an SD adapter, for phones, handheld game consoles, drones and action cameras; records 4K video."),
        ("Voltra", "SD Pro", "sd", {64: 19, 128: 29, 256: 49}, 280,
         "UHS-II V60 full-size SD card for mirrorless cameras, fast enough for 4K burst shooting."),
        ("Brixa", "Duo", "flash", {64: 11, 128: 17, 256: 29}, 150,
         "A dual USB flash drive with both USB-C and USB-A plugs for moving files between phones and computers."),
        ("Arcline", "Stick", "flash", {32: 7, 64: 9}, 100,
         "A tiny metal USB-A 3.2 flash drive that stays on a keyring."),
    ]
    names = {"microsd": "microSD Card", "sd": "SD Card", "flash": "USB Flash Drive"}
    for brand, line, kind, caps, speed, note in rows:
        for gb, price in caps.items():
            text = (f"{brand} {line} {gb} GB {names[kind].replace('Card', 'card').replace('Flash Drive', 'flash drive')} "
                    f"with reads up to {speed} MB/s. {note} Price {money(price)}.")
            add("memory", brand, line, f"{line} {gb}GB {names[kind]}", pad(text), kind=kind, gb=gb, speed=speed,
                usbc=line == "Duo", price=price)


def smarthome():
    rows = [
        ("Nimbus", "Home Plug", "plug", [1, 4], {1: 15, 4: 45}, True,
         "Wi-Fi smart plug with energy monitoring that switches lamps and appliances on schedules or by voice, no hub needed."),
        ("Brixa", "Plug Mini", "plug", [2], {2: 19}, False,
         "Compact Wi-Fi smart plug for schedules and voice control, without energy monitoring; no hub needed."),
        ("Nimbus", "Home Bulb", "bulb", [1, 2], {1: 17, 2: 29}, True,
         "E27 Wi-Fi LED bulb with 16 million colours and tunable white light, 806 lumens (60 W equivalent), dimmable from the app."),
        ("Brixa", "White Bulb", "bulb", [4], {4: 25}, False,
         "E27 Wi-Fi LED bulbs in tunable white only, no colours, 806 lumens (60 W equivalent), dimmable from the app."),
    ]
    for brand, line, kind, packs, prices, extra, desc in rows:
        for n in packs:
            text = f"{brand} {line}, {'single' if n == 1 else f'{n}-pack'}. {desc} Works with the major voice assistants. Price {money(prices[n])}."
            name = {"plug": "Smart Plug" + (" with Energy Monitoring" if extra else ""), "bulb": "Smart Bulb, " + ("Colour" if extra else "White")}[kind]
            add("smart home", brand, line, f"{line} Wi-Fi {name}{'' if n == 1 else f', {n}-Pack'}", pad(text), kind=kind, pack=n,
                energy=kind == "plug" and extra, colour_light=kind == "bulb" and extra, price=prices[n])


def desk():
    rows = [
        ("Halvora", "Lift Laptop Stand", "laptop stand", 39,
         "Aluminium laptop stand that raises a 10 to 17 inch laptop to eye level, with six height settings; folds flat for travel."),
        ("Halvora", "Arm Single Monitor Arm", "monitor arm", 59,
         "Gas-spring desk clamp arm for one 17 to 32 inch monitor up to 9 kg, with VESA 75 and 100 mounts."),
        ("Halvora", "Arm Dual Monitor Arm", "monitor arm", 109,
         "Gas-spring desk clamp arm for two 17 to 32 inch monitors up to 9 kg each, with VESA 75 and 100 mounts and cable management."),
        ("Nimbus", "Glow Monitor Light Bar", "light", 49,
         "Asymmetric LED light bar that sits on top of the monitor and lights the desk without glare on the screen; USB-C powered."),
    ]
    for brand, title, kind, price, desc in rows:
        add("desk accessory", brand, title.split()[0], title, pad(f"{brand} {title.lower()}. {desc} Price {money(price)}."),
            kind=kind, dual="Dual" in title, price=price)


def ereaders():
    rows = [
        ("Solvane", "Page 6", 6, 16, False, False, 99, "A light, basic e-reader with a front light, for novels on the commute."),
        ("Solvane", "Page 7 Waterproof", 7, 32, True, False, 169, "An IPX8 waterproof e-reader for the bath and the beach, with page-turn buttons and a warm light."),
        ("Solvane", "Page Note 10", 10.3, 32, True, True, 379, "A large e-paper notebook that comes with a pen for handwritten notes and PDF markup."),
        ("Ovelta", "Read 6", 6, 8, False, False, 69, "A budget e-reader for paperbacks and public library loans, without a front light."),
    ]
    for brand, line, inch, gb, waterproof, pen, price, note in rows:
        text = (f"{brand} {line}: a {inch}-inch glare-free e-paper e-reader with {gb} GB of storage and weeks of battery. {note} "
                f"{'Waterproof.' if waterproof else 'Not waterproof.'} {'Pen included.' if pen else 'No pen support.'} "
                f"Price {money(price)}.")
        add("e-reader", brand, line, f"{line} E-Reader {inch}\", {gb}GB{', Waterproof' if waterproof else ''}{', with Pen' if pen else ''}",
            pad(text), inch=inch, gb=gb, waterproof=waterproof, pen=pen, price=price)


def projectors():
    rows = [
        ("Ovelta", "Beam Mini", "1080p", 500, True, 299, "A portable projector with a built-in battery for two movies and a speaker, for camping and kids' rooms."),
        ("Ovelta", "Beam Home", "1080p", 2000, False, 549, "A living-room projector with streaming apps built in and autofocus keystone correction."),
        ("Marveo", "Cinema Laser", "4K", 3000, False, 2199, "A short-throw 4K laser projector that casts a 100-inch picture from 25 cm away from the wall."),
    ]
    for brand, line, res, lumens, battery, price, note in rows:
        text = (f"{brand} {line} {res} projector with {lumens:,} lumens. {note} "
                f"{'Battery powered.' if battery else 'Mains powered, no battery.'} HDMI and Bluetooth audio out. Price {money(price)}.")
        short = "short-throw" in note
        add("projector", brand, line, f"{line} {res} {'Short-Throw ' if short else ''}Projector, {lumens} Lumens{', Portable' if battery else ''}",
            pad(text), res=res, lumens=lumens, battery=battery, short_throw=short, price=price)


def drones():
    rows = [
        ("Arcline", "Sky Mini", 249, "4K", 34, 449, "Weighs 249 g, light enough that most countries need no registration; folds into a jacket pocket."),
        ("Arcline", "Sky Mini Fly More Combo", 249, "4K", 34, 599, "The Sky Mini with three batteries, a charging hub and a shoulder bag; 249 g."),
        ("Arcline", "Sky Pro", 895, "5.1K", 43, 1599, "A pro camera drone with a 4/3 sensor, obstacle sensing in every direction and a 15 km video link."),
        ("Kyrosa", "Hopper", 80, "720p", 10, 79, "A beginner and kids' drone with propeller guards, altitude hold and one-key take-off."),
    ]
    for brand, line, grams, video, minutes, price, note in rows:
        text = (f"{brand} {line} camera drone with {video} video and {minutes} minutes of flight per battery. {note} "
                f"Return-to-home and a phone app. Price {money(price)}.")
        add("drone", brand, line, f"{line} Camera Drone, {video}, {grams}g", pad(text), grams=grams, video=video,
            minutes=minutes, combo="Combo" in line, beginner=line == "Hopper", price=price)


def watches():
    rows = [
        # brand, line, sizes, gps, lte variants, days, colours, price by size, kind, note
        ("Nimbus", "Watch 4", [41, 45], True, True, 2, ["Black", "Silver"], {41: 299, 45: 329}, "smart",
         "A smart watch with an AMOLED screen, heart rate, ECG, sleep and SpO2 tracking, payments and apps."),
        ("Voltra", "Fit Band 3", [None], False, False, 14, ["Black", "Pink", "Blue"], {None: 49}, "tracker",
         "A slim fitness tracker band for steps, heart rate and sleep, using the phone for GPS."),
        ("Arcline", "Trek", [47, 51], True, False, 21, ["Black"], {47: 399, 51: 499}, "outdoor",
         "A rugged multisport GPS watch with offline topo maps, a barometer and compass for hiking and trail running."),
        ("Ovelta", "Kiddo", [None], True, True, 2, ["Blue", "Pink"], {None: 99}, "kids",
         "A kids' phone watch with GPS location tracking for parents, an SOS button, calls to approved contacts and no apps or internet."),
        ("Solvane", "Classic", [40], False, False, 30, ["Silver"], {40: 179}, "hybrid",
         "A hybrid watch with real hands and a small e-paper display, step and sleep tracking, and phone notifications."),
    ]
    for brand, line, sizes, gps, lte_opt, days, colours, prices, kind, note in rows:
        for size in sizes:
            for lte in ([False, True] if lte_opt and kind != "kids" else [lte_opt]):
                for colour in colours:
                    price = prices[size] + (100 if lte and kind != "kids" else 0)
                    text = (f"{brand} {line}{f' {size} mm' if size else ''} in {colour.lower()}. {note} "
                            f"{'Built-in GPS' if gps else 'No built-in GPS'}, {days}-day battery, 5 ATM water resistant. "
                            f"{'LTE cellular for calls and messages without a phone. ' if lte else 'No cellular; pairs with any smartphone. '}"
                            f"Price {money(price)}.")
                    name = {"smart": "Smart Watch", "tracker": "Fitness Tracker", "outdoor": "GPS Multisport Watch",
                            "kids": "Kids Smart Watch with GPS Tracker", "hybrid": "Hybrid Smart Watch"}[kind]
                    title = (f"{line} {name}{f' {size}mm' if size else ''}{', GPS' if gps and kind == 'smart' else ''}"
                             f"{' + LTE' if lte else ''}, {days}-Day Battery, {colour}")
                    add("watch", brand, line, title, pad(text), size=size, gps=gps, lte=lte, days=days, kind=kind,
                        maps=kind == "outdoor", color=colour.lower(), price=price)


def routers():
    rows = [
        # brand, line, wifi, mesh pack (0 = single router), coverage m2, price, kind, note
        ("Nimbus", "Mesh 6", "Wi-Fi 6", 2, 370, 199, "mesh", "Covers a home of up to four bedrooms."),
        ("Nimbus", "Mesh 6", "Wi-Fi 6", 3, 550, 279, "mesh", "Covers large homes of five or more bedrooms."),
        ("Nimbus", "Mesh 7", "Wi-Fi 7", 2, 460, 499, "mesh", "Tri-band with 10 gigabit ports, covers up to four bedrooms."),
        ("Nimbus", "Mesh 7", "Wi-Fi 7", 3, 690, 699, "mesh", "Tri-band with 10 gigabit ports, covers large homes and gardens."),
        ("Arcline", "AX3000", "Wi-Fi 6", 0, 150, 89, "router", "A dual-band router with four gigabit LAN ports for apartments."),
        ("Arcline", "BE9300", "Wi-Fi 7", 0, 230, 279, "router", "A tri-band router with a 2.5 gigabit WAN port for fast fibre plans."),
        ("Arcline", "AX1800", "Wi-Fi 6", 0, 110, 59, "router", "A budget dual-band router for small flats, with three gigabit LAN ports."),
        ("Brixa", "Go 5G", "Wi-Fi 6", 0, 60, 249, "hotspot", "A 5G mobile hotspot with a SIM slot that shares mobile data with up to 32 devices, with a 10 hour battery."),
        ("Tenvik", "Rapid 6E", "Wi-Fi 6E", 0, 200, 329, "gaming", "A gaming router that prioritises game traffic for low ping, with a 6 GHz band."),
        ("Brixa", "Pocket", "Wi-Fi 5", 0, 40, 39, "travel", "A pocket travel router that turns hotel ethernet or Wi-Fi into a private network, powered by USB-C."),
        ("Brixa", "Extend 6", "Wi-Fi 6", 0, 120, 49, "extender", "A plug-in range extender that boosts an existing router's signal in dead zones."),
    ]
    for brand, line, wifi, pack, m2, price, kind, note in rows:
        name = {"mesh": f"Mesh Wi-Fi System, {pack}-Pack", "router": "Router", "gaming": "Gaming Router",
                "travel": "Travel Router", "extender": "Range Extender",
                "hotspot": "5G Mobile Hotspot"}[kind]
        text = (f"{brand} {line} {wifi} {name.lower()}. {note} Coverage up to {m2} square metres. "
                f"WPA3 security, parental controls and setup from a phone app. Price {money(price)}.")
        add("router", brand, line, f"{line} {wifi} {name}", pad(text), wifi=wifi.lower(), pack=pack, mesh=pack > 0,
            coverage=m2, kind=kind, price=price)


def ssds():
    rows = [
        # brand, line, kind, {GB: price}, speed MB/s, interface, heatsink, rugged, colours, note
        ("Voltra", "Rapid 990", "nvme", {1024: 89, 2048: 149, 4096: 289}, 7400, "PCIe 4.0 NVMe M.2 2280", False, False, [None],
         "For desktops and laptops with a Gen4 M.2 slot."),
        ("Voltra", "Rapid 990 Heatsink", "nvme", {1024: 99, 2048: 159}, 7400, "PCIe 4.0 NVMe M.2 2280", True, False, [None],
         "With a low-profile heatsink that fits game console expansion slots and desktop boards."),
        ("Voltra", "Rapid 970", "nvme", {512: 45, 1024: 65}, 3500, "PCIe 3.0 NVMe M.2 2280", False, False, [None],
         "A value Gen3 drive for older laptops and desktops with an NVMe M.2 slot."),
        ("Brixa", "SATA 2.5", "sata", {512: 39, 1024: 59, 2048: 109}, 550, "2.5-inch SATA III", False, False, [None],
         "Replaces the hard drive in older laptops and desktops; no M.2 slot needed."),
        ("Arcline", "Pocket", "external", {512: 59, 1024: 89, 2048: 149}, 1050, "USB-C 10 Gbps", False, False, ["Black", "Blue", "Silver"],
         "A portable SSD the size of a credit card for backups and moving files between computers and phones."),
        ("Arcline", "Pocket Rugged", "external", {2048: 189, 4096: 329}, 2000, "USB-C 20 Gbps", False, True, ["Orange"],
         "A rugged portable SSD with IP65 dust and water resistance and 3 m drop protection for field work."),
    ]
    for brand, line, kind, caps, speed, iface, heatsink, rugged, colours, note in rows:
        for gb, price in caps.items():
            for colour in colours:
                size = tb(gb)
                what = {"nvme": "internal NVMe SSD", "sata": "internal SATA SSD", "external": "portable external SSD"}[kind]
                text = (f"{brand} {line} {size.replace('TB', ' TB').replace('GB', ' GB')} {what}, {iface}, with reads up to "
                        f"{speed:,} MB/s. {note} {'Includes a heatsink. ' if heatsink else ''}"
                        f"{f'Colour: {colour.lower()}. ' if colour else ''}Five-year warranty. Price {money(price)}.")
                title = (f"{line} {size} {'Portable External SSD' if kind == 'external' else 'Internal SSD'}, {iface}"
                         f"{', Heatsink' if heatsink else ''}{', Rugged IP65' if rugged else ''}{f', {colour}' if colour and len(colours) > 1 else ''}")
                add("ssd", brand, line, title, pad(text), kind=kind, gb=gb, speed=speed,
                    gen=4 if "4.0" in iface else (3 if "3.0" in iface else 0), heatsink=heatsink, rugged=rugged,
                    color=(colour or "").lower(), price=price)


def gaming():
    rows = [
        ("Tenvik", "Pro Controller", "controller", ["Black", "White", "Red", "Blue"], 69, dict(wireless=True),
         "Wireless game controller with hall-effect sticks that never drift, two back paddles and 40 hours of battery. "
         "Connects over Bluetooth or the 2.4 GHz dongle to PCs, phones and game consoles."),
        ("Tenvik", "Wired Controller", "controller", ["Black"], 29, dict(wireless=False),
         "Wired USB game controller for PC with a 3 m cable, rumble and a familiar layout. No batteries and no lag."),
        ("Tenvik", "Controller Charging Dock", "dock", ["Black"], 25, dict(wireless=False, compat="Tenvik Pro Controller"),
         "Charging dock for two Tenvik Pro Controllers with magnetic connectors and an LED charge indicator. Fits only the Tenvik Pro Controller."),
        ("Tenvik", "Nova Wireless Gaming Headset", "headset", ["Black", "White"], 129, dict(wireless=True),
         "Wireless gaming headset with a 2.4 GHz dongle, 7.1 surround sound, a detachable noise-cancelling microphone and 50 hours of battery."),
        ("Tenvik", "Nova Wired Gaming Headset", "headset", ["Black"], 59, dict(wireless=False),
         "Wired gaming headset with a 3.5 mm jack for PC and consoles, 50 mm drivers and a flip-to-mute microphone."),
        ("Halvora", "XL Desk Mat Gaming Mouse Pad", "mousepad", ["Black", "Grey"], 24, dict(wireless=False, rgb=False),
         "Extra large 900 x 400 mm cloth desk mat with stitched edges and a non-slip rubber base, big enough for keyboard and mouse."),
        ("Halvora", "XL RGB Gaming Mouse Pad", "mousepad", ["Black"], 39, dict(wireless=False, rgb=True),
         "Extra large 900 x 400 mm cloth desk mat with an RGB light strip around the edge and a USB passthrough."),
        ("Tenvik", "Capture 4K Capture Card", "capture", ["Black"], 149, dict(wireless=False),
         "External USB-C capture card that records and streams console gameplay at 4K 60 with zero-lag HDMI passthrough."),
        ("Kyrosa", "Drift Racing Wheel with Pedals", "wheel", ["Black"], 199, dict(wireless=False),
         "Racing wheel with force feedback, 900 degree rotation, paddle shifters and a two-pedal set, for PC and consoles."),
    ]
    for brand, title, kind, colours, price, attrs, desc in rows:
        for colour in colours:
            text = f"{brand} {title.lower()} in {colour.lower()}. {desc} Price {money(price)}."
            base = dict(kind=kind, color=colour.lower(), price=price, rgb=False, compat=None)
            base.update(attrs)
            add("gaming accessory", brand, title.split()[0], f"{title}, {colour}", pad(text), **base)


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------
def holds(value, want):
    return want(value) if callable(want) else value == want


def grade(product, query):
    a = product["a"]
    for key, want in query["scope"].items():
        if key not in a or not holds(a[key], want):
            return 0
    misses = sum(1 for key, want in query["need"].items() if key not in a or not holds(a[key], want))
    if misses == 0:
        return 2
    narrow = len(query["need"]) >= 2 or any(key not in TYPE_KEYS for key in query["scope"])
    return 1 if misses == 1 and narrow else 0


TYPE_KEYS = {"cat", "kind", "type"}


def judge(query):
    grades = {}
    for p in PRODUCTS:
        g = grade(p, query)
        if g:
            grades[p["_id"]] = g
    return grades


def acceptable(grades):
    return 1 <= sum(1 for g in grades.values() if g == 2) and len(grades) <= MAX_RELEVANT


def le(x):
    return lambda v: v <= x


def ge(x):
    return lambda v: v >= x


def Q(text, cat, scope=None, need=None):
    s = {"cat": cat}
    s.update(scope or {})
    return {"text": text, "scope": s, "need": need or {}, "source": "hand"}


# Hand-written natural-language and keyword queries, with their constraints written by hand.
HAND = [
    # audio
    Q("which earbuds work best for running", "earbuds", need={"sport": True}),
    Q("bluetooth hedphones for kids", "headphones", need={"kids": True}),
    Q("headphones that block out plane noise under 150", "headphones", {"anc": True}, {"price": le(150)}),
    Q("studio headphones for mixing wired", "headphones", need={"studio": True}),
    Q("open ear headphones so i can hear traffic when jogging", "headphones", need={"running": True}),
    Q("earbuds i can sleep in", "earbuds", need={"sleep": True}),
    Q("low latency earbuds for gaming", "earbuds", need={"gaming": True}),
    Q("wireles earbuds with noise cancelling and wireless charging case", "earbuds", need={"anc": True, "wireless_case": True}),
    Q("cheap earbuds under 30", "earbuds", need={"price": le(30)}),
    Q("noise cancelling earbuds with ear hooks for the gym", "earbuds", {"sport": True}, {"anc": True}),
    Q("waterproof speaker for the pool under 50", "speaker", {"kind": "portable"}, {"waterproof": True, "price": le(50)}),
    Q("soundbar with subwoofer", "speaker", {"kind": "soundbar"}, {"subwoofer": True}),
    Q("smart speaker with voice assistant", "speaker", need={"assistant": True}),
    Q("speakers for my record player", "speaker", need={"phono": True}),
    Q("loud party speaker with lights", "speaker", need={"party": True}),
    # phones and accessories
    Q("case for nimbus x12 pro", "case", {"compat": "Nimbus X12 Pro"}),
    Q("leather case x12 pro", "case", {"compat": "Nimbus X12 Pro"}, {"material": "leather"}),
    Q("protective case for voltra edge 5 that survives drops", "case", {"compat": "Voltra Edge 5"}, {"material": "rugged"}),
    Q("screen protector for nimbus x12", "screen protector", {"compat": "Nimbus X12"}),
    Q("small phone that fits in one hand", "phone", need={"compact": True}),
    Q("phone with the best zoom camera", "phone", need={"telephoto": True}),
    Q("phone with a battery that lasts two days", "phone", need={"two_day": True}),
    Q("cheapest phone under 250", "phone", need={"price": le(250)}),
    Q("5g phone under 450 dollars", "phone", {"g5": True, "price": le(450)}),
    # tablets
    Q("tablet for a 5 year old", "tablet", need={"kids": True}),
    Q("stylus for nimbus tab 11", "tablet accessory", {"compat": "Nimbus Tab 11"}, {"kind": "stylus"}),
    Q("keyboard case for marveo pad 13 pro", "tablet accessory", {"compat": "Marveo Pad 13 Pro"}, {"kind": "keyboard"}),
    Q("tablet with sim card slot", "tablet", need={"cellular": True}),
    Q("tablet that works with a pen under 400", "tablet", {"stylus": True, "price": le(400)}),
    Q("small 8 inch tablet for reading", "tablet", {"inch": lambda v: 8 <= v < 9}, {"kids": False}),
    # computers
    Q("laptop for college under 600", "laptop", need={"price": le(600)}),
    Q("lightweight laptop under 1.3 kg with 16gb ram", "laptop", {"weight": lambda v: v < 1.3, "ram": 16}),
    Q("laptop for video editing", "laptop", need={"kind": "creator"}),
    Q("2 in 1 laptop touchscreen", "laptop", need={"kind": "convertible"}),
    Q("gaming laptop 240hz", "laptop", {"gaming": True}, {"hz": ge(240)}),
    Q("labtop with 32gb ram and 2tb", "laptop", need={"ram": 32, "ssd": 2048}),
    Q("laptop with the longest battery life", "laptop", need={"hours": ge(18)}),
    Q("4k monitor under 300", "monitor", {"res": "4K"}, {"price": le(300)}),
    Q("monitor that charges my laptop over usb c", "monitor", need={"usbc": True}),
    Q("curved ultrawide monitor for spreadsheets", "monitor", need={"ultrawide": True}),
    Q("portable monitor for laptop", "monitor", need={"portable": True}),
    Q("240hz monitor for fps games", "monitor", need={"hz": ge(240)}),
    Q("cheap monitor under 100", "monitor", need={"price": le(100)}),
    Q("white 24 inch monitor", "monitor", {"inch": 24}, {"color": "white"}),
    Q("mechanical keyboard with brown switches", "keyboard", {"type": "mechanical"}, {"switch": "brown"}),
    Q("mechanichal keyboard 60 percent", "keyboard", {"type": "mechanical"}, {"layout": "60%"}),
    Q("split ergonomic keyboard for wrist pain", "keyboard", need={"ergonomic": True}),
    Q("quiet wireless keyboard to switch between laptop and tablet", "keyboard", {"type": "low-profile"}, {"multi": True}),
    Q("vertical mouse for left hand", "mouse", {"kind": "ergonomic"}, {"hand": "left"}),
    Q("silent mouse for the office", "mouse", {"kind": "office"}, {"silent": True}),
    Q("mouse with horizontal scroll wheel", "mouse", need={"kind": "productivity"}),
    Q("lightest gaming mouse", "mouse", {"kind": "gaming"}, {"grams": le(60)}),
    Q("usb c hub with hdmi and sd card reader", "hub", need={"hdmi": ge(1), "sd": True}),
    Q("docking station for two monitors", "hub", need={"hdmi": ge(2)}),
    Q("usb c to ethernet adapter", "hub", need={"ethernet": True, "kind": "adapter"}),
    # power
    Q("usb c charger 65w", "charger", {"kind": "wall"}, {"watts": 65}),
    Q("wall charger that can charge a laptop and a phone at the same time", "charger", {"kind": "wall", "watts": ge(60)}, {"ports": ge(2)}),
    Q("car charger usb c", "charger", {"kind": "car"}),
    Q("wireless charger for phone watch and earbuds", "charger", {"kind": "wireless"}, {"three_in_one": True}),
    Q("chargr 140w", "charger", {"kind": "wall"}, {"watts": 140}),
    Q("power bank that can charge a laptop", "power bank", need={"laptop": True}),
    Q("magnetic wireless power bank", "power bank", need={"magnetic": True}),
    Q("solar power bank for camping", "power bank", need={"solar": True}),
    Q("usb c cable that supports 240w", "cable", {"kind": lambda k: k in ("usb-c to usb-c", "usb4")}, {"watts": 240}),
    Q("cable to connect laptop to tv usb c", "cable", need={"kind": "usb-c to hdmi"}),
    Q("long ethernet cable 20m", "cable", {"kind": "ethernet"}, {"length": 20}),
    Q("hdmi 2.1 cable for 120hz tv 3m", "cable", {"kind": "hdmi"}, {"length": 3}),
    # tv, cameras, watches, routers, storage, gaming
    Q("65 inch oled tv", "tv", {"panel": "oled"}, {"inch": 65}),
    Q("small tv for kitchen 32 inch", "tv", need={"inch": 32}),
    Q("tv for gaming 144hz", "tv", need={"hz": ge(144)}),
    Q("qled tv under 500", "tv", {"panel": "qled", "price": le(500)}),
    Q("4k webcam for video calls", "camera", {"kind": "webcam"}, {"video": "4K"}),
    Q("camera for vlogging with flip screen under 700", "camera", {"flip": True}, {"price": le(700)}),
    Q("action camera waterproof without a case", "camera", {"kind": "action"}, {"waterproof_m": ge(10)}),
    Q("outdoor security camera no wires battery", "camera", {"kind": "security"}, {"outdoor": True, "battery": True}),
    Q("dash cam front and rear", "camera", {"kind": "dashcam"}, {"rear": True}),
    Q("mirrorless camera with kit lens", "camera", {"kind": "mirrorless"}, {"kit": True}),
    Q("smartwatch i can take calls on without my phone", "watch", need={"lte": True}),
    Q("fitness tracker with long battery life", "watch", need={"kind": "tracker", "days": ge(14)}),
    Q("gps watch for hiking with maps", "watch", need={"maps": True}),
    Q("watch for kids with gps tracker", "watch", need={"kind": "kids"}),
    Q("mesh wifi for a big house", "router", {"mesh": True}, {"pack": 3}),
    Q("router for gaming low ping", "router", need={"kind": "gaming"}),
    Q("travel router for hotel", "router", need={"kind": "travel"}),
    Q("wifi extender for dead zones", "router", need={"kind": "extender"}),
    Q("ssd for game console with heatsink", "ssd", need={"heatsink": True}),
    Q("ssd to replace hard drive in old laptop 1tb", "ssd", {"kind": "sata"}, {"gb": 1024}),
    Q("rugged external ssd 4tb", "ssd", {"kind": "external"}, {"gb": 4096, "rugged": True}),
    Q("wireless controller for pc", "gaming accessory", {"kind": "controller"}, {"wireless": True}),
    Q("charging dock for tenvik pro controller", "gaming accessory", {"compat": "Tenvik Pro Controller"}),
    Q("wireless gaming headset with mic", "gaming accessory", {"kind": "headset"}, {"wireless": True}),
    Q("extra large mouse pad rgb", "gaming accessory", {"kind": "mousepad"}, {"rgb": True}),
    Q("capture card for streaming", "gaming accessory", need={"kind": "capture"}),
    Q("steering wheel for racing games", "gaming accessory", need={"kind": "wheel"}),
    Q("video doorbell with battery", "camera", need={"kind": "doorbell"}),
    Q("flash drive for phone usb c", "memory", {"kind": "flash"}, {"usbc": True}),
    Q("micro sd card 256gb", "memory", {"kind": "microsd"}, {"gb": 256}),
    Q("waterproof ereader for reading in the bath", "e-reader", need={"waterproof": True}),
    Q("e-reader you can write notes on with a pen", "e-reader", need={"pen": True}),
    Q("projector for camping with battery", "projector", need={"battery": True}),
    Q("short throw 4k projector", "projector", need={"short_throw": True, "res": "4K"}),
    Q("drone under 250g so no registration", "drone", need={"grams": lambda v: v < 250}),
    Q("drone for kids beginners", "drone", need={"beginner": True}),
    Q("smart plug with energy monitoring", "smart home", {"kind": "plug"}, {"energy": True}),
    Q("colour changing smart bulb", "smart home", {"kind": "bulb"}, {"colour_light": True}),
    Q("monitor arm for 2 screens", "desk accessory", {"kind": "monitor arm"}, {"dual": True}),
    Q("stand to raise laptop to eye level", "desk accessory", need={"kind": "laptop stand"}),
]


def low(s):
    return s.lower()


def model(compat):
    """'Nimbus X12 Pro' -> 'x12 pro'"""
    return low(compat.split(" ", 1)[1])


def budget(price):
    """The round figure a shopper would type as a budget for this price: 299 -> 300, 129 -> 150."""
    return (price // 50 + 1) * 50


def size_s(gb):
    return tb(gb).lower()


# Keyword templates: (category, scope keys, need keys, writer). Values come from a randomly picked
# product of the category; the writer turns them into search-box text.
TEMPLATES = [
    ("phone", ["line"], ["storage"], lambda a: pick([f"{low(a['brand'])} {low(a['line'])} {a['storage']}gb",
                                                       f"{low(a['line'])} {a['storage']} gb"])),
    ("phone", ["line"], ["color"], lambda a: f"{low(a['line'])} {a['color']}"),
    ("phone", ["line"], ["storage", "color"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['storage']}gb {a['color']}"),
    ("case", ["compat"], ["material"], lambda a: pick([f"{a['material']} case {low(a['compat'])}",
                                                        f"{model(a['compat'])} {a['material']} case"])),
    ("case", ["compat"], ["magnetic"], lambda a: f"magnetic case for {low(a['compat'])}" if a["magnetic"] else None),
    ("tablet", ["line"], ["storage"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['storage']}gb"),
    ("laptop", ["line"], ["ram", "ssd"], lambda a: f"{low(a['line'])} {a['ram']}gb {size_s(a['ssd'])}"),
    ("laptop", [], ["inch", "ram"], lambda a: f"{a['inch']:g} inch laptop {a['ram']}gb ram"),
    ("laptop", ["gaming"], ["ram", "ssd"], lambda a: f"gaming laptop {a['ram']}gb {size_s(a['ssd'])}" if a["gaming"] else None),
    ("monitor", [], ["inch", "res"], lambda a: pick([f"{a['inch']:g} inch {low(a['res'])} monitor", f"{low(a['res'])} monitor {a['inch']:g}\""])),
    ("monitor", [], ["res", "hz"], lambda a: f"{low(a['res'])} {a['hz']}hz monitor"),
    ("monitor", ["line"], [], lambda a: f"{low(a['brand'])} {low(a['line'])}"),
    ("tv", [], ["inch", "panel"], lambda a: pick([f"{a['inch']} inch {a['panel']} tv", f"{a['panel']} tv {a['inch']}\""])),
    ("tv", ["line"], ["inch"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['inch']}"),
    ("headphones", ["line"], ["color"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['color']}"),
    ("headphones", [], ["fit", "anc", ("price", lambda a: le(budget(a["price"])))],
     lambda a: f"{a['fit']} {'noise cancelling' if a['anc'] else 'wireless'} headphones under {budget(a['price'])}" if a["wireless"] else None),
    ("earbuds", [], ["anc", ("price", lambda a: le(budget(a["price"])))],
     lambda a: f"{'anc' if a['anc'] else 'wireless'} earbuds under {budget(a['price'])}"),
    ("memory", ["kind"], ["gb"], lambda a: {"microsd": f"microsd {a['gb']}gb", "sd": f"sd card {a['gb']}gb",
                                            "flash": f"{a['gb']}gb usb stick"}[a["kind"]]),
    ("e-reader", [], [("price", lambda a: le(budget(a["price"])))], lambda a: f"ereader under {budget(a['price'])}"),
    ("drone", ["line"], [], lambda a: f"{low(a['brand'])} {low(a['line'])}"),
    ("earbuds", ["line"], [], lambda a: f"{low(a['brand'])} {low(a['line'])}"),
    ("earbuds", ["line"], ["color"], lambda a: f"{low(a['line'])} earbuds {a['color']}"),
    ("earbuds", [], ["ip", "anc"], lambda a: f"ipx{a['ip']} earbuds {'anc' if a['anc'] else 'no anc'}" if a["ip"] else None),
    ("speaker", ["line"], ["color"], lambda a: f"{low(a['line'])} speaker {a['color']}"),
    ("charger", ["kind"], ["watts", "ports"], lambda a: f"{a['watts']}w {a['ports']} port charger" if a["kind"] == "wall" else None),
    ("charger", ["kind"], ["watts"], lambda a: {"wall": pick([f"{a['watts']}w usb c wall charger", f"{a['watts']} watt charger"]),
                                                "car": f"{a['watts']}w car charger", "wireless": f"{a['watts']}w wireless charger",
                                                "desktop": f"{a['watts']}w charging station"}[a["kind"]]),
    ("charger", ["kind"], ["gan", "watts"], lambda a: f"gan charger {a['watts']}w" if a["gan"] and a["kind"] == "wall" else None),
    # a cable rated for more watts than asked still does the job
    ("cable", ["kind"], ["length", ("watts", lambda a: ge(a["watts"]))],
     lambda a: f"usb c cable {a['length']:g}m {a['watts']}w" if a["kind"] == "usb-c to usb-c" else None),
    ("cable", ["kind"], ["length"], lambda a: {"hdmi": f"hdmi cable {a['length']:g}m", "ethernet": f"ethernet cable {a['length']:g} meter",
                                               "usb-a to usb-c": f"usb a to c cable {a['length']:g}m"}.get(a["kind"])),
    ("cable", ["kind"], ["braided", "length"], lambda a: f"braided usb c cable {a['length']:g}m" if a["braided"] and a["kind"] == "usb-c to usb-c" else None),
    ("power bank", [], ["mah", "watts"], lambda a: pick([f"{a['mah']}mah power bank {a['watts']}w", f"powerbank {a['mah']} {a['watts']}w"])),
    ("keyboard", ["line"], ["switch"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['switch']} switches" if a["switch"] else None),
    ("keyboard", [], ["type", "layout", "wireless"], lambda a: f"{'wireless' if a['wireless'] else 'wired'} {a['layout']} {a['type']} keyboard"),
    ("mouse", ["kind"], ["wireless", "color"], lambda a: f"{'wireless' if a['wireless'] else 'wired'} {a['kind']} mouse {a['color']}"),
    ("camera", ["line"], [], lambda a: f"{low(a['brand'])} {low(a['line'])}"),
    ("watch", ["line"], ["size", "lte"], lambda a: f"{low(a['brand'])} {low(a['line'])} {a['size']}mm lte" if a["size"] and a["lte"] else None),
    ("watch", ["line"], ["color"], lambda a: f"{low(a['line'])} {a['color']}"),
    ("router", [], ["wifi", "mesh"], lambda a: f"{a['wifi']} {'mesh system' if a['mesh'] else 'router'}" if a["kind"] in ("mesh", "router") else None),
    ("ssd", ["kind"], ["gb"], lambda a: {"nvme": f"{size_s(a['gb'])} nvme ssd", "sata": f"sata ssd {size_s(a['gb'])}",
                                         "external": pick([f"portable ssd {size_s(a['gb'])}", f"{size_s(a['gb'])} external ssd"])}[a["kind"]]),
    ("ssd", ["kind"], ["gb", "gen"], lambda a: f"{size_s(a['gb'])} nvme gen{a['gen']}" if a["kind"] == "nvme" else None),
    ("gaming accessory", ["kind"], ["color", "wireless"], lambda a: f"{a['color']} {'wireless' if a['wireless'] else 'wired'} {a['kind']}" if a["kind"] in ("controller", "headset") else None),
]

TYPOS = [("headphones", "hedphones"), ("keyboard", "keybord"), ("wireless", "wireles"), ("monitor", "moniter"),
         ("laptop", "labtop"), ("charger", "chager"), ("cable", "cabel"), ("power bank", "powerbank"), ("earbuds", "earbds")]


def make_queries():
    queries, seen, answers = [], set(), set()  # answers: judgment sets already asked for
    for q in HAND:
        grades = judge(q)
        if not acceptable(grades):
            exact = sum(1 for g in grades.values() if g == 2)
            sys.exit(f"hand-written query {q['text']!r}: {exact} exact, {len(grades)} relevant (need 1..{MAX_RELEVANT} with 1+ exact)")
        q["grades"] = grades
        queries.append(q)
        seen.add(q["text"])
        answers.add(frozenset(grades.items()))
    by_cat = defaultdict(list)
    for p in PRODUCTS:
        by_cat[p["cat"]].append(p)
    target = 160
    templated = []
    rounds = 0
    while len(queries) + len(templated) < target and rounds < 400:
        rounds += 1
        for cat, scope_keys, need_keys, write in R.sample(TEMPLATES, len(TEMPLATES)):
            if len(queries) + len(templated) >= target:
                break
            source = pick(by_cat[cat])["a"]
            text = write(source)
            if not text:
                continue
            text = " ".join(text.split())
            if R.random() < 0.08:
                for right, wrong in TYPOS:
                    if right in text:
                        text = text.replace(right, wrong, 1)
                        break
            if text in seen:
                continue
            # a need key is either an attribute (same value as the source) or (attribute, predicate maker)
            need = {}
            for k in need_keys:
                if isinstance(k, tuple):
                    need[k[0]] = k[1](source)
                else:
                    need[k] = source[k]
            q = {"text": text, "scope": {"cat": cat, **{k: source[k] for k in scope_keys}}, "need": need, "source": "template",
                 "template": write}
            grades = judge(q)
            if not acceptable(grades) or frozenset(grades.items()) in answers:
                continue
            # keep the mix broad: at most 4 templated queries per product type, 2 per template, and one per
            # template and scope (not "buds pro 2 black" and "buds pro 2 white")
            same = [t for t in templated if t["template"] == write]
            if (sum(1 for t in templated if t["scope"]["cat"] == cat) >= 4 or len(same) >= 2
                    or any(t["scope"] == q["scope"] for t in same)):
                continue
            q["grades"] = grades
            seen.add(text)
            answers.add(frozenset(grades.items()))
            templated.append(q)
    return queries + templated


def main():
    builders = [phones, cases, tablets, laptops, monitors, tvs, headphones, earbuds, speakers, chargers, cables,
                powerbanks, hubs, keyboards, mice, cameras, memory, ereaders, projectors, drones, watches, routers,
                ssds, gaming, smarthome, desk]
    for build in builders:
        build()
    R.shuffle(PRODUCTS)
    for i, p in enumerate(PRODUCTS, 1):
        p["_id"] = f"p{i:04d}"
    queries = make_queries()
    R.shuffle(queries)
    for i, q in enumerate(queries, 1):
        q["_id"] = f"q{i:03d}"
    # split: walk the queries grouped by product type and alternate, so train and test are half/half
    # overall and cover the same product types
    split = {}
    for i, q in enumerate(sorted(queries, key=lambda q: (q["scope"]["cat"], q["_id"]))):
        split[q["_id"]] = "train" if i % 2 == 0 else "test"

    os.makedirs(os.path.join(HERE, "qrels"), exist_ok=True)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for p in PRODUCTS:
            f.write(json.dumps({"_id": p["_id"], "title": p["title"], "text": p["text"]}, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps({"_id": q["_id"], "text": q["text"]}, ensure_ascii=False) + "\n")
    rows = {"train": 0, "test": 0}
    for name in ("train", "test"):
        with open(os.path.join(HERE, "qrels", name + ".tsv"), "w", encoding="utf-8") as f:
            f.write("query-id\tcorpus-id\tscore\n")
            for q in queries:
                if split[q["_id"]] != name:
                    continue
                for pid, g in sorted(q["grades"].items(), key=lambda kv: (-kv[1], kv[0])):
                    f.write(f"{q['_id']}\t{pid}\t{g}\n")
                    rows[name] += 1
    check(queries, split)
    grades = Counter(g for q in queries for g in q["grades"].values())
    words = [len(p["text"].split()) for p in PRODUCTS]
    print(f"corpus:  {len(PRODUCTS)} products in {len(set(p['cat'] for p in PRODUCTS))} product types, "
          f"text {min(words)}-{max(words)} words (mean {sum(words) / len(words):.0f})")
    print(f"queries: {len(queries)} ({sum(1 for q in queries if q['source'] == 'hand')} hand-written, "
          f"{sum(1 for q in queries if q['source'] == 'template')} from keyword templates)")
    for name in ("train", "test"):
        n = sum(1 for s in split.values() if s == name)
        print(f"{name}:   {n} queries, {rows[name]} judgments")
    print(f"grades:  {grades[2]} exact (2), {grades[1]} partial (1); "
          f"{min(len(q['grades']) for q in queries)}-{max(len(q['grades']) for q in queries)} relevant per query")


def read_lines(path):
    with open(os.path.join(HERE, path), encoding="utf-8") as f:
        return f.read().splitlines()


def check(queries, split):
    """Reads the written files back and checks them."""
    corpus = [json.loads(line) for line in read_lines("corpus.jsonl")]
    qs = [json.loads(line) for line in read_lines("queries.jsonl")]
    doc_ids = {d["_id"] for d in corpus}
    query_ids = {q["_id"] for q in qs}
    assert len(doc_ids) == len(corpus) and len(query_ids) == len(qs), "duplicate ids"
    assert len({q["text"] for q in qs}) == len(qs), "duplicate query texts"
    for d in corpus:
        assert d["title"].strip() and d["text"].strip(), d
        assert 30 <= len(d["text"].split()) <= 80, (d["_id"], len(d["text"].split()), d["text"])
    assert len({d["title"] for d in corpus}) == len(corpus), "duplicate titles"
    for q in qs:
        assert q["text"].strip(), q
    judged = Counter()
    for name in ("train", "test"):
        lines = read_lines(os.path.join("qrels", name + ".tsv"))
        assert lines[0] == "query-id\tcorpus-id\tscore"
        per = defaultdict(list)
        for line in lines[1:]:
            qid, pid, score = line.split("\t")
            assert qid in query_ids and pid in doc_ids and score in ("1", "2"), line
            assert split[qid] == name, line
            per[qid].append(int(score))
            judged[qid] += 1
        for qid, scores in per.items():
            assert 1 <= len(scores) <= MAX_RELEVANT and 2 in scores, (qid, scores)
    assert set(judged) == query_ids, "every query is judged in exactly one split"


if __name__ == "__main__":
    main()
