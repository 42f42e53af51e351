"""Places the simulated web knows: countries and cities, and finding them in a query.

Small hand-written tables (June 2024 facts). A place the tables lack still gets plausible,
deterministic figures from its name, so any "weather in X" or "hotels in X" has an answer.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from android_gym.content.common import normalize, records, rng_for, titled

# name | capital | where | currency | population (millions) | leader title | leader | aliases
_COUNTRIES = """
United States|Washington, D.C.|North America|USD|335|President|Joe Biden|
    usa;us;the us;america;united states of america
United Kingdom|London|Europe|GBP|68|Prime Minister|Rishi Sunak|uk;britain;great britain
England|London|Europe|GBP|57|Prime Minister|Rishi Sunak|
Canada|Ottawa|North America|CAD|40|Prime Minister|Justin Trudeau|
Mexico|Mexico City|North America|MXN|129|President|Andrés Manuel López Obrador|
France|Paris|Europe|EUR|68|President|Emmanuel Macron|
Germany|Berlin|Europe|EUR|84|Chancellor|Olaf Scholz|
Italy|Rome|Europe|EUR|59|Prime Minister|Giorgia Meloni|
Spain|Madrid|Europe|EUR|48|Prime Minister|Pedro Sánchez|
Portugal|Lisbon|Europe|EUR|10|Prime Minister|Luís Montenegro|
Switzerland|Bern|Europe|CHF|8.8|President|Viola Amherd|
Sweden|Stockholm|Europe|SEK|10.5|Prime Minister|Ulf Kristersson|
Norway|Oslo|Europe|NOK|5.5|Prime Minister|Jonas Gahr Støre|
Denmark|Copenhagen|Europe|DKK|5.9|Prime Minister|Mette Frederiksen|
Finland|Helsinki|Europe|EUR|5.6|President|Alexander Stubb|
Netherlands|Amsterdam|Europe|EUR|17.9|Prime Minister|Mark Rutte|holland
Ireland|Dublin|Europe|EUR|5.3|Taoiseach|Simon Harris|
Greece|Athens|Europe|EUR|10.4|Prime Minister|Kyriakos Mitsotakis|
Poland|Warsaw|Europe|PLN|37|Prime Minister|Donald Tusk|
Ukraine|Kyiv|Europe|UAH|37|President|Volodymyr Zelenskyy|
Russia|Moscow|Europe|RUB|144|President|Vladimir Putin|
Turkey|Ankara|Western Asia|TRY|85|President|Recep Tayyip Erdoğan|turkiye
Israel|Jerusalem|Western Asia|ILS|9.8|Prime Minister|Benjamin Netanyahu|
Egypt|Cairo|North Africa|EGP|112|President|Abdel Fattah el-Sisi|
South Africa|Pretoria|Southern Africa|ZAR|60|President|Cyril Ramaphosa|
Nigeria|Abuja|West Africa|NGN|223|President|Bola Tinubu|
Kenya|Nairobi|East Africa|KES|55|President|William Ruto|
India|New Delhi|South Asia|INR|1429|Prime Minister|Narendra Modi|
Pakistan|Islamabad|South Asia|PKR|240|Prime Minister|Shehbaz Sharif|
Bangladesh|Dhaka|South Asia|BDT|173|Prime Minister|Sheikh Hasina|
Sri Lanka|Sri Jayawardenepura Kotte|South Asia|LKR|22|President|Ranil Wickremesinghe|
Nepal|Kathmandu|South Asia|NPR|31|Prime Minister|Pushpa Kamal Dahal|
China|Beijing|East Asia|CNY|1410|President|Xi Jinping|
Japan|Tokyo|East Asia|JPY|124|Prime Minister|Fumio Kishida|
South Korea|Seoul|East Asia|KRW|52|President|Yoon Suk Yeol|korea
Taiwan|Taipei|East Asia|TWD|23|President|Lai Ching-te|
Singapore|Singapore|Southeast Asia|SGD|5.9|Prime Minister|Lawrence Wong|
Malaysia|Kuala Lumpur|Southeast Asia|MYR|34|Prime Minister|Anwar Ibrahim|
Indonesia|Jakarta|Southeast Asia|IDR|278|President|Joko Widodo|
Philippines|Manila|Southeast Asia|PHP|117|President|Ferdinand Marcos Jr.|
Thailand|Bangkok|Southeast Asia|THB|72|Prime Minister|Srettha Thavisin|
Vietnam|Hanoi|Southeast Asia|VND|100|President|Tô Lâm|
Cambodia|Phnom Penh|Southeast Asia|KHR|17|Prime Minister|Hun Manet|
Laos|Vientiane|Southeast Asia|LAK|7.6|Prime Minister|Sonexay Siphandone|
Myanmar|Naypyidaw|Southeast Asia|MMK|54|||burma
Brunei|Bandar Seri Begawan|Southeast Asia|BND|0.45|Sultan|Hassanal Bolkiah|
Australia|Canberra|Oceania|AUD|26.6|Prime Minister|Anthony Albanese|
New Zealand|Wellington|Oceania|NZD|5.2|Prime Minister|Christopher Luxon|
Brazil|Brasília|South America|BRL|216|President|Luiz Inácio Lula da Silva|
Argentina|Buenos Aires|South America|ARS|46|President|Javier Milei|
Chile|Santiago|South America|CLP|19.6|President|Gabriel Boric|
Colombia|Bogotá|South America|COP|52|President|Gustavo Petro|
Peru|Lima|South America|PEN|34|President|Dina Boluarte|
Ecuador|Quito|South America|USD|18|President|Daniel Noboa|
Bolivia|Sucre|South America|BOB|12.4|President|Luis Arce|
Paraguay|Asunción|South America|PYG|6.9|President|Santiago Peña|
Uruguay|Montevideo|South America|UYU|3.4|President|Luis Lacalle Pou|
Venezuela|Caracas|South America|VES|28|President|Nicolás Maduro|
Guyana|Georgetown|South America|GYD|0.81|President|Irfaan Ali|
Suriname|Paramaribo|South America|SRD|0.62|President|Chan Santokhi|
French Guiana|Cayenne|South America|EUR|0.3|||
Falkland Islands|Stanley|South Atlantic|FKP|0.004|||falklands
Panama|Panama City|Central America|PAB|4.4|President|Laurentino Cortizo|
Costa Rica|San José|Central America|CRC|5.2|President|Rodrigo Chaves|
Jamaica|Kingston|the Caribbean|JMD|2.8|Prime Minister|Andrew Holness|
Bahamas|Nassau|the Caribbean|BSD|0.41|Prime Minister|Philip Davis|
Barbados|Bridgetown|the Caribbean|BBD|0.28|Prime Minister|Mia Mottley|
Trinidad and Tobago|Port of Spain|the Caribbean|TTD|1.5|Prime Minister|Keith Rowley|trinidad
Dominican Republic|Santo Domingo|the Caribbean|DOP|11.3|President|Luis Abinader|
Puerto Rico|San Juan|the Caribbean|USD|3.2|Governor|Pedro Pierluisi|
Cuba|Havana|the Caribbean|CUP|11|President|Miguel Díaz-Canel|
"""

# name | region | country | lat | lon | UTC offset (June) | June high (F) | 2-bed rent | airport
_CITIES = """
Mountain View|CA|United States|37.39|-122.08|-7|78|3600|SJC|
New York|NY|United States|40.71|-74.01|-4|80|4300|JFK|nyc;new york city;ny;manhattan
Los Angeles|CA|United States|34.05|-118.24|-7|80|3300|LAX|la
Chicago|IL|United States|41.88|-87.63|-5|79|2400|ORD|
Houston|TX|United States|29.76|-95.37|-5|91|1600|IAH|
Phoenix|AZ|United States|33.45|-112.07|-7|104|1700|PHX|
Philadelphia|PA|United States|39.95|-75.17|-4|84|2100|PHL|philly
San Antonio|TX|United States|29.42|-98.49|-5|93|1400|SAT|
San Diego|CA|United States|32.72|-117.16|-7|71|3400|SAN|
Dallas|TX|United States|32.78|-96.80|-5|92|1900|DFW|
San Jose|CA|United States|37.34|-121.89|-7|81|3500|SJC|
Austin|TX|United States|30.27|-97.74|-5|93|1800|AUS|
San Francisco|CA|United States|37.77|-122.42|-7|68|4200|SFO|sf;san fran
Seattle|WA|United States|47.61|-122.33|-7|71|2800|SEA|
Denver|CO|United States|39.74|-104.99|-6|82|2200|DEN|
Washington DC|DC|United States|38.91|-77.04|-4|85|3100|DCA|washington;dc;washington d c
    washington district of columbia
Boston|MA|United States|42.36|-71.06|-4|77|3700|BOS|
Las Vegas|NV|United States|36.17|-115.14|-7|99|1700|LAS|vegas
Portland|OR|United States|45.52|-122.68|-7|73|2000|PDX|
Miami|FL|United States|25.76|-80.19|-4|88|3300|MIA|
Atlanta|GA|United States|33.75|-84.39|-4|86|2100|ATL|
Orlando|FL|United States|28.54|-81.38|-4|91|2000|MCO|
Sacramento|CA|United States|38.58|-121.49|-7|88|2100|SMF|
Nashville|TN|United States|36.16|-86.78|-5|86|2000|BNA|
New Orleans|LA|United States|29.95|-90.07|-5|89|1600|MSY|
Minneapolis|MN|United States|44.98|-93.27|-5|79|1900|MSP|
Detroit|MI|United States|42.33|-83.05|-4|79|1400|DTW|
Honolulu|HI|United States|21.31|-157.86|-10|87|3200|HNL|
New Jersey||United States|40.06|-74.41|-4|82|2700|EWR|
Toronto|ON|Canada|43.65|-79.38|-4|76|2900|YYZ|
Vancouver|BC|Canada|49.28|-123.12|-7|69|3300|YVR|
Montreal|QC|Canada|45.50|-73.57|-4|76|1900|YUL|
Mexico City|CDMX|Mexico|19.43|-99.13|-6|77|900|MEX|cdmx
London|England|United Kingdom|51.51|-0.13|1|71|3500|LHR|
Paris|Île-de-France|France|48.86|2.35|2|74|2600|CDG|
Berlin|Berlin|Germany|52.52|13.40|2|73|1800|BER|
Madrid|Madrid|Spain|40.42|-3.70|2|84|1500|MAD|
Barcelona|Catalonia|Spain|41.39|2.17|2|77|1600|BCN|
Rome|Lazio|Italy|41.90|12.50|2|83|1500|FCO|
Amsterdam|North Holland|Netherlands|52.37|4.90|2|68|2400|AMS|
Zurich|Zurich|Switzerland|47.38|8.54|2|72|3000|ZRH|zürich
Vienna|Vienna|Austria|48.21|16.37|2|76|1300|VIE|
Stockholm|Stockholm|Sweden|59.33|18.07|2|68|1600|ARN|
Oslo|Oslo|Norway|59.91|10.75|2|68|1700|OSL|
Helsinki|Uusimaa|Finland|60.17|24.94|3|66|1400|HEL|
Dublin|Leinster|Ireland|53.35|-6.26|1|65|2600|DUB|
Lisbon|Lisbon|Portugal|38.72|-9.14|1|79|1400|LIS|
Athens|Attica|Greece|37.98|23.73|3|86|900|ATH|
Moscow|Moscow|Russia|55.76|37.62|3|72|900|SVO|
Istanbul|Istanbul|Turkey|41.01|28.98|3|79|800|IST|
Dubai|Dubai|United Arab Emirates|25.20|55.27|4|102|2800|DXB|
Johannesburg|Gauteng|South Africa|-26.20|28.05|2|63|700|JNB|
Cairo|Cairo|Egypt|30.04|31.24|3|94|500|CAI|
Mumbai|Maharashtra|India|19.08|72.88|5.5|90|900|BOM|bombay
Delhi|Delhi|India|28.70|77.10|5.5|102|500|DEL|new delhi
Beijing|Beijing|China|39.90|116.41|8|88|1300|PEK|peking
Shanghai|Shanghai|China|31.23|121.47|8|82|1400|PVG|
Hong Kong|Hong Kong|China|22.32|114.17|8|88|2600|HKG|
Tokyo|Tokyo|Japan|35.68|139.69|9|76|1500|HND|
Seoul|Seoul|South Korea|37.57|126.98|9|81|1200|ICN|
Singapore|Singapore|Singapore|1.35|103.82|8|88|3200|SIN|
Bangkok|Bangkok|Thailand|13.76|100.50|7|93|700|BKK|
Sydney|NSW|Australia|-33.87|151.21|10|64|2700|SYD|
Melbourne|VIC|Australia|-37.81|144.96|10|58|1900|MEL|
Buenos Aires|Buenos Aires|Argentina|-34.60|-58.38|-3|59|600|EZE|
Rio de Janeiro|Rio de Janeiro|Brazil|-22.91|-43.17|-3|78|700|GIG|rio
São Paulo|São Paulo|Brazil|-23.55|-46.63|-3|73|800|GRU|
Lima|Lima|Peru|-12.05|-77.04|-5|68|600|LIM|
Bogotá|Bogotá|Colombia|4.71|-74.07|-5|66|600|BOG|
Santiago|Santiago|Chile|-33.45|-70.67|-4|59|700|SCL|
"""


@dataclass(frozen=True)
class Country:
    """A country: capital, where it is, currency, population and head of government."""

    name: str
    capital: str
    where: str
    currency: str
    population: float
    leader_title: str
    leader: str


@dataclass(frozen=True)
class Place:
    """A city (or a state) with what its answer cards need. `known` is False for a place
    made up from an unfamiliar name."""

    name: str
    region: str
    country: str
    lat: float
    lon: float
    utc: float
    june_high: int
    rent: int
    airport: str
    known: bool = True

    @property
    def label(self) -> str:
        """ "Chicago, IL", "Paris, France", "Singapore" """
        if self.country in ("United States", "Canada"):
            shown = self.region and not self.name.endswith(self.region)
            return f"{self.name}, {self.region}" if shown else self.name
        if self.country and self.country != self.name:
            return f"{self.name}, {self.country}"
        return self.name


COUNTRIES: dict[str, Country] = {}
CITIES: dict[str, Place] = {}
_ALIASES: dict[str, Country | Place] = {}
for _name, _capital, _where, _cur, _pop, _title, _leader, _other in records(_COUNTRIES):
    COUNTRIES[_name] = Country(_name, _capital, _where, _cur, float(_pop), _title, _leader)
    _ALIASES.update({normalize(n): COUNTRIES[_name] for n in (_name, *_other.split(";")) if n})
for _name, _region, _country, _lat, _lon, _utc, _high, _rent, _code, _other in records(_CITIES):
    CITIES[_name] = Place(
        _name,
        _region,
        _country,
        float(_lat),
        float(_lon),
        float(_utc),
        int(_high),
        int(_rent),
        _code,
    )
    _ALIASES.update({normalize(n): CITIES[_name] for n in (_name, *_other.split(";")) if n})
HOME = CITIES["Mountain View"]
"""Where the phone is: "near me" and "nearest" answers are around here."""

_NAMES = sorted(_ALIASES, key=len, reverse=True)
_FIND = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _NAMES) + r")\b")


def find(text: str) -> Country | Place | None:
    """The first known place named in normalized `text` (the longest name at that spot)."""
    match = _FIND.search(text)
    return _ALIASES[match.group(0)] if match else None


def resolve(phrase: str) -> Country | Place | None:
    """The place a short phrase names: exactly, by a known name inside it, or by a close
    spelling ("washinton dc"); None when nothing is close."""
    phrase = phrase.strip()
    if not phrase:
        return None
    return find(phrase) or named(phrase)


def named(phrase: str) -> Country | Place | None:
    """The place a whole phrase names ("us", "chile", "washinton dc"), or None."""
    found = _ALIASES.get(phrase)
    if found is None and len(phrase) > 3:
        close = difflib.get_close_matches(phrase, _NAMES, n=1, cutoff=0.84)
        found = _ALIASES[close[0]] if close else None
    return found


@lru_cache(maxsize=512)
def made_up(name: str) -> Place:
    """Plausible figures for a city the tables lack (deterministic by name)."""
    rng = rng_for("place", name.lower())
    return Place(
        name=titled(name),
        region="",
        country="",
        lat=float(rng.uniform(-40, 60)),
        lon=float(rng.uniform(-120, 140)),
        utc=float(rng.integers(-8, 10)),
        june_high=int(rng.integers(60, 95)),
        rent=int(rng.integers(9, 30)) * 100,
        airport=("".join(c for c in name.upper() if c.isalpha()) + "XXX")[:3],
        known=False,
    )


def as_place(found: Country | Place) -> Place:
    """A country stands for its capital city where a city is needed (weather, time)."""
    if isinstance(found, Place):
        return found
    city = _ALIASES.get(normalize(found.capital))
    if isinstance(city, Place):
        return city
    near = next((c for c in CITIES.values() if c.country == found.name), None)
    base = near or made_up(found.capital)
    return Place(
        found.capital,
        "",
        found.name,
        base.lat,
        base.lon,
        base.utc,
        base.june_high,
        base.rent,
        made_up(found.capital).airport,
        known=False,
    )


def country_of(found: Country | Place) -> Country | None:
    """The country itself, the country a city is in, or the country a city-state is."""
    if isinstance(found, Country):
        return found
    return COUNTRIES.get(found.name) or COUNTRIES.get(found.country)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))
