namespace Masthead.Briefings.Catalog;

/// <summary>One of the briefings a fresh install starts with. Rules name section and tag slugs of the
/// demo catalogue (Demo/DemoCatalog.cs); editors change them in the admin.</summary>
internal sealed record DefaultList(string Slug, string Name, string Description, string Cadence, string Schedule,
    string TimeZone, string RuleSections, string RuleTags, int RuleMaxItems);

internal static class DefaultLists
{
    /// <summary>In signup and preference-centre order. Weekly lists go out on different days so a reader of
    /// several is not sent them all at once.</summary>
    public static readonly IReadOnlyList<DefaultList> All =
    [
        new("the-takeaway", "The Takeaway & Week in Review",
            "Our editors pick the week's stories that will still matter next month, and say why in a few lines each.",
            "Weekly, Saturday mornings", "0 9 * * 6", "Asia/Dubai", "", "", 10),
        new("middle-east-minute", "Middle East Minute",
            "Five things to know before your first meeting of the day, readable in about a minute.",
            "Daily, mornings", "0 7 * * *", "Asia/Dubai", "", "", 5),
        new("daily-briefing", "Daily Briefing",
            "The day's reporting from across the region gathered in one evening email.",
            "Daily, evenings", "0 18 * * *", "Asia/Dubai", "", "", 8),
        new("business-tech-briefing", "Business & Tech Briefing",
            "Deals, listings, start-ups and the technology bets of the region's states and companies.",
            "Weekly, Tuesdays", "0 8 * * 2", "Asia/Dubai", "markets technology",
            "capital-markets-private-equity venture-capital-startups leading-edge-technology banking artificial-intelligence", 8),
        new("security-briefing", "Security Briefing",
            "Armed forces, militias, maritime risk and defence procurement, read by our security desk.",
            "Weekly, Wednesdays", "0 8 * * 3", "Asia/Dubai", "security", "defense-procurement cybersecurity shipping", 8),
        new("gulf-briefing", "Gulf Briefing",
            "Politics, money and energy in the six Gulf Cooperation Council states.",
            "Weekly, Sundays", "0 8 * * 0", "Asia/Dubai", "", "gulf saudi-arabia uae qatar kuwait bahrain oman", 8),
        new("israel-briefing", "Israel Briefing",
            "Israeli politics, security and the economy, reported from the ground.",
            "Weekly, Mondays", "0 8 * * 1", "Asia/Jerusalem", "", "israel", 8),
        new("palestine-briefing", "Palestine Briefing",
            "The West Bank and Gaza: governance, reconstruction and the people living through both.",
            "Weekly, Mondays", "0 9 * * 1", "Asia/Hebron", "", "palestine reconstruction", 8),
        new("turkey-briefing", "Turkey Briefing",
            "Ankara's politics, economy and foreign policy, from the Caucasus to the Mediterranean.",
            "Weekly, Thursdays", "0 8 * * 4", "Europe/Istanbul", "", "turkey turkey-caucasus", 8),
        new("iraq-briefing", "Iraq Briefing",
            "Baghdad, Erbil and the oil, water and militias that shape Iraq's week.",
            "Weekly, Thursdays", "0 9 * * 4", "Asia/Baghdad", "", "iraq", 8),
    ];
}
