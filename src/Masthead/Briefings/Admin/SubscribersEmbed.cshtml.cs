using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Admin;

/// <summary>Shows the HTML snippet partner sites paste to collect signups (see Subscribing/README.md).</summary>
internal sealed class SubscribersEmbedModel(IOptions<Site.SiteOptions> site) : PageModel
{
    public string Snippet { get; private set; } = "";

    public void OnGet(string? list)
    {
        var slug = string.IsNullOrWhiteSpace(list) || !Masthead.Content.Slug.IsValid(list) ? "daily-briefing" : list;
        Snippet = Subscribing.EmbedSnippet.For(site.Value, slug);
    }
}
