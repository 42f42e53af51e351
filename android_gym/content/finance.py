"""Currency exchange: rates against the US dollar (June 2024) and the converter card."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from android_gym.content.common import BASE_UTC, clock, records
from android_gym.content.model import Card
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# code | name | units per US dollar | other names people type
_TABLE = """
USD|United States Dollar|1|us dollar;dollar;dollars;american dollar;usd
EUR|Euro|0.9217|euro;euros;eur
GBP|British Pound|0.7850|british pound;pound;pounds;pound sterling;sterling;gbp
JPY|Japanese Yen|157.26|japanese yen;yen;jpy
MXN|Mexican Peso|17.01|mexican peso;peso;pesos;mxn
KRW|South Korean Won|1376.5|south korean won;korean won;won;krw
CNY|Chinese Yuan|7.2418|chinese yuan;yuan;renminbi;rmb;cny
CAD|Canadian Dollar|1.3627|canadian dollar;cad
INR|Indian Rupee|83.47|indian rupee;rupee;rupees;inr
CHF|Swiss Franc|0.9026|swiss franc;franc;francs;chf
AUD|Australian Dollar|1.5030|australian dollar;aud
BRL|Brazilian Real|5.2456|brazilian real;real;reais;brl
HKD|Hong Kong Dollar|7.8175|hong kong dollar;hkd
SGD|Singapore Dollar|1.3515|singapore dollar;sgd
NZD|New Zealand Dollar|1.6281|new zealand dollar;nzd
SEK|Swedish Krona|10.50|swedish krona;sek
NOK|Norwegian Krone|10.49|norwegian krone;nok
DKK|Danish Krone|6.88|danish krone;dkk
PLN|Polish Zloty|3.94|polish zloty;zloty;pln
RUB|Russian Ruble|90.2|russian ruble;ruble;rub
TRY|Turkish Lira|32.19|turkish lira;lira;try
ZAR|South African Rand|18.77|south african rand;rand;zar
ILS|Israeli New Shekel|3.71|israeli shekel;shekel;ils
AED|UAE Dirham|3.6725|uae dirham;dirham;aed
THB|Thai Baht|36.7|thai baht;baht;thb
PHP|Philippine Peso|58.6|philippine peso;php
IDR|Indonesian Rupiah|16255|indonesian rupiah;rupiah;idr
VND|Vietnamese Dong|25450|vietnamese dong;dong;vnd
ARS|Argentine Peso|893|argentine peso;ars
CLP|Chilean Peso|917|chilean peso;clp
COP|Colombian Peso|3865|colombian peso;cop
PEN|Peruvian Sol|3.73|peruvian sol;sol;pen
PKR|Pakistani Rupee|278.5|pakistani rupee;pkr
EGP|Egyptian Pound|47.2|egyptian pound;egp
NGN|Nigerian Naira|1470|nigerian naira;naira;ngn
"""

NAMES: dict[str, str] = {}
RATES: dict[str, float] = {}
_ALIASES: dict[str, str] = {}
for _code, _name, _rate, _aliases in records(_TABLE):
    NAMES[_code], RATES[_code] = _name, float(_rate)
    _ALIASES.update({a: _code for a in _aliases.split(";")})
_FIND = re.compile(
    r"(?<![\w$])(?:" + "|".join(map(re.escape, sorted(_ALIASES, key=len, reverse=True))) + r")\b"
)

SITES = (
    Site(
        "www.xe.com",
        "currencyconverter/convert/?Amount=1&From={base}&To={quote}",
        "{base} to {quote} - Convert {base_name} to {quote_name} | Xe",
        "Get the latest 1 {base_name} to {quote_name} rate for FREE with the original "
        "Universal Currency Converter. Set rate alerts for {base} to {quote}.",
    ),
    Site(
        "wise.com",
        "us/currency-converter/{lbase}-to-{lquote}-rate",
        "{base_name} to {quote_name} Exchange Rate | Wise",
        "Convert {base} to {quote} with the Wise Currency Converter. Analyze historical "
        "currency charts or live {base_name} / {quote_name} rates.",
    ),
    Site(
        "www.x-rates.com",
        "calculator/?from={base}&to={quote}&amount=1",
        "{base_name} to {quote_name} Rate - X-Rates",
        "This currency rates table lets you compare an amount in {base_name} to all other "
        "currencies. Rates updated every minute.",
    ),
    Site(
        "www.bloomberg.com",
        "quote/{base}{quote}:CUR",
        "{base}{quote} Spot Exchange Rate",
        "Stay on top of the {base}{quote} exchange rate with the latest price, charts and "
        "news from Bloomberg.",
    ),
    Site(
        "www.forbes.com",
        "advisor/money-transfer/currency-converter/{lbase}-{lquote}",
        "Convert {base_name} to {quote_name} | Forbes Advisor",
        "Convert {base} to {quote} using our currency converter with live foreign exchange "
        "rates. Latest currency exchange rates: 1 {base_name} = {rate} {quote_name}.",
    ),
)
QUESTIONS = (
    "Is the {base_name} getting stronger against the {quote_name}?",
    "How much is $100 in {quote_name}?",
    "What is the best time to exchange {base_name}s to {quote_name}s?",
    "Where can I get the best {base} to {quote} exchange rate?",
)
RELATED = (
    "{lbase} to {lquote}",
    "1 {base_name} to {quote_name}",
    "{lquote} to {lbase}",
    "{base} to {quote} forecast",
    "{base} to {quote} history",
    "xe currency converter",
)


def find_codes(words: str) -> list[str]:
    """Currency codes named in normalized `words`, in order of mention."""
    codes: list[str] = []
    for match in _FIND.finditer(words):
        code = _ALIASES[match.group(0)]
        if code not in codes:
            codes.append(code)
    return codes


def rate(base: str, quote: str) -> float:
    """Units of `quote` for one `base`."""
    return RATES[quote] / RATES[base]


def shown_rate(value: float) -> str:
    """Rates as Google shows them: two decimals, more for small values."""
    return f"{value:,.2f}" if value >= 0.1 else f"{value:.4f}"


def answer(intent: Intent) -> SearchResults:
    """The converter card ("1 United States Dollar equals / 0.92 Euro") and its results."""
    base, quote = intent.codes
    value = shown_rate(rate(base, quote))
    names = {"base_name": NAMES[base], "quote_name": NAMES[quote]}
    card = Card(
        kind="currency",
        title=f"1 {names['base_name']} equals",
        value=f"{value} {names['quote_name']}",
        subtitle=f"{BASE_UTC:%b} {BASE_UTC.day}, {clock(BASE_UTC)} UTC · Disclaimer",
        rows=(("1", names["base_name"]), (value, names["quote_name"])),
        image=f"chart:{base}{quote}",
        more="1D · 5D · 1M · 1Y · 5Y · Max",
    )
    fields = fields_for(
        f"{base} to {quote}",
        base=base,
        quote=quote,
        lbase=base.lower(),
        lquote=quote.lower(),
        rate=value,
        **names,
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
