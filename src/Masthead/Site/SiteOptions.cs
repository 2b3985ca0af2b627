using System.ComponentModel.DataAnnotations;

namespace Masthead.Site;

public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required] public string Name { get; set; } = "The Levant Ledger";
    [Required] public string Tagline { get; set; } = "Security, energy, markets and diplomacy across the Middle East";
    /// <summary>Absolute base URL used in feeds, sitemaps, canonical links and emails.</summary>
    [Required, Url] public string BaseUrl { get; set; } = "http://localhost:5000";
    [Required] public string DefaultLanguage { get; set; } = "en";
    [Range(1, 100)] public int PageSize { get; set; } = 12;
}
