using Masthead.Content;

namespace Masthead.Demo;

internal sealed record SectionSeed(string Slug, string Name, string Description);
internal sealed record TagSeed(string Slug, string Name, TagKind Kind, string Description = "");
internal sealed record AuthorSeed(string Slug, string Name, string Title, string Bio);

/// <summary>The demo newsroom's sections, tags and staff. The people are invented; so are their bios.</summary>
internal static class DemoCatalog
{
    public static readonly SectionSeed[] Sections =
    [
        new("security", "Security", "Armed forces, militias, maritime risk and the procurement that shapes them."),
        new("energy", "Energy", "Oil, gas, power and the region's bet on the energy transition."),
        new("markets", "Markets", "Capital markets, banks, deals and the money moving through the region."),
        new("diplomacy", "Diplomacy", "Mediation, alliances, elections and the negotiations behind the headlines."),
        new("technology", "Technology", "Start-ups, data centres, chips and the states that court them."),
        new("analysis", "Analysis", "Longer reads, memos and trend reports from our analysts."),
    ];

    /// <summary>The nine industries members rank for their weekly review (DESIGN.md). Names are fixed.</summary>
    public static readonly TagSeed[] Industries =
    [
        new("capital-markets-private-equity", "Capital Markets & Private Equity", TagKind.Industry, "Listings, bonds, buyouts and fund flows."),
        new("venture-capital-startups", "Venture Capital & Startups", TagKind.Industry, "Early-stage money and the companies it backs."),
        new("green-energy", "Green Energy", TagKind.Industry, "Solar, wind, hydrogen and the grids that carry them."),
        new("supply-chain", "Supply Chain", TagKind.Industry, "Shipping lanes, ports, corridors and what moves through them."),
        new("sustainable-development", "Sustainable Development", TagKind.Industry, "Water, food, climate adaptation and development finance."),
        new("leading-edge-technology", "Leading Edge Technology", TagKind.Industry, "AI, semiconductors, space and advanced manufacturing."),
        new("oil-gas", "Oil & Gas", TagKind.Industry, "Upstream, LNG, refining and the national oil companies."),
        new("real-estate-construction", "Real Estate & Construction", TagKind.Industry, "Giga-projects, housing, offices and the contractors building them."),
        new("banking", "Banking", TagKind.Industry, "Lenders, central banks, payments and deposits."),
    ];

    public static readonly TagSeed[] Tags =
    [
        new("gulf", "Gulf", TagKind.Region, "The six Gulf Cooperation Council states."),
        new("levant", "Levant", TagKind.Region, "Israel, the Palestinian territories, Jordan, Lebanon and Syria."),
        new("north-africa", "North Africa", TagKind.Region, "Egypt and the Maghreb."),
        new("turkey-caucasus", "Turkey & Caucasus", TagKind.Region, "Turkey and its neighbours to the east."),
        new("iran-iraq", "Iran & Iraq", TagKind.Region, "The two large states at the head of the Gulf."),
        new("red-sea", "Red Sea & Horn", TagKind.Region, "The shipping lane from Suez to Bab el-Mandeb and its shores."),
        new("saudi-arabia", "Saudi Arabia", TagKind.Country),
        new("uae", "United Arab Emirates", TagKind.Country),
        new("qatar", "Qatar", TagKind.Country),
        new("kuwait", "Kuwait", TagKind.Country),
        new("bahrain", "Bahrain", TagKind.Country),
        new("oman", "Oman", TagKind.Country),
        new("israel", "Israel", TagKind.Country),
        new("palestine", "Palestine", TagKind.Country),
        new("jordan", "Jordan", TagKind.Country),
        new("lebanon", "Lebanon", TagKind.Country),
        new("syria", "Syria", TagKind.Country),
        new("turkey", "Turkey", TagKind.Country),
        new("iraq", "Iraq", TagKind.Country),
        new("iran", "Iran", TagKind.Country),
        new("egypt", "Egypt", TagKind.Country),
        new("morocco", "Morocco", TagKind.Country),
        new("yemen", "Yemen", TagKind.Country),
        new("shipping", "Shipping", TagKind.Topic),
        new("sanctions", "Sanctions", TagKind.Topic),
        new("elections", "Elections", TagKind.Topic),
        new("water", "Water", TagKind.Topic),
        new("defense-procurement", "Defense procurement", TagKind.Topic),
        new("central-banks", "Central banks", TagKind.Topic),
        new("artificial-intelligence", "Artificial intelligence", TagKind.Topic),
        new("ports-logistics", "Ports & logistics", TagKind.Topic),
        new("reconstruction", "Reconstruction", TagKind.Topic),
        new("sovereign-wealth", "Sovereign wealth", TagKind.Topic),
        new("cybersecurity", "Cybersecurity", TagKind.Topic),
        new("mediation", "Mediation", TagKind.Topic),
        .. Industries,
    ];

    public static readonly AuthorSeed[] Authors =
    [
        new("nadia-haddad", "Nadia Haddad", "Levant correspondent",
            "Nadia Haddad covers Lebanon, Jordan and Syria from Amman. Before joining the Ledger she spent six years on a business desk in Beirut, " +
            "where she learned to read a central bank circular faster than a press release."),
        new("huda-al-kindi", "Huda Al-Kindi", "Gulf correspondent",
            "Huda Al-Kindi reports on the Gulf states from Muscat and Dubai, with a focus on ports, sovereign funds and the energy transition. " +
            "She previously worked as a shipping analyst and still keeps a tanker tracker open on her second screen."),
        new("defne-arslan", "Defne Arslan", "Turkey & Caucasus correspondent",
            "Defne Arslan writes about Turkey's economy and its corridors east from Istanbul. " +
            "She has covered three currency crises and the banks that survived them."),
        new("karim-belkacem", "Karim Belkacem", "North Africa correspondent",
            "Karim Belkacem is based in Casablanca and covers Egypt and the Maghreb. " +
            "His reporting centres on power grids, food prices and the Mediterranean trade that ties North Africa to Europe."),
        new("leila-farahani", "Leila Farahani", "Senior analyst, Iran & Iraq",
            "Leila Farahani leads the Ledger's analysis of Iran and Iraq and writes many of our PRO memos. " +
            "She trained as an economist and spent a decade in political-risk consulting before turning to journalism."),
        new("yael-sharoni", "Yael Sharoni", "Israel & Palestine correspondent",
            "Yael Sharoni reports from Jerusalem on Israeli and Palestinian politics, technology and water. " +
            "She writes in English and Hebrew and edits the weekly Israel Briefing."),
        new("thomas-everly", "Thomas Everly", "Markets & energy editor",
            "Thomas Everly edits the Markets and Energy sections from London. " +
            "He spent fifteen years covering oil and bond markets and believes every good chart needs a footnote."),
    ];
}
