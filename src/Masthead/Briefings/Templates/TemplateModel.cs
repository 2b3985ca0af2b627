using Fluid;
using Fluid.Values;

namespace Masthead.Briefings.Templates;

/// <summary>One article as a template sees it. <see cref="Excerpt"/> is empty for anything but a
/// Public article: members and PRO pieces travel as teasers (title, dek, link), never their text.</summary>
public sealed record TemplateItem(string Title, string Url, string Dek, string Section, string Authors, string Access,
    bool IsTeaser, string Excerpt);

/// <summary>Everything an edition's templates may read that is the same for every recipient.</summary>
public sealed record TemplateEdition(
    string SiteName, string SiteUrl,
    string ListName, string ListDescription,
    string Subject, string Date, string IntroHtml, string IntroText, string Preheader,
    IReadOnlyList<TemplateItem> Items);

/// <summary>The per-recipient fields. Values are raw here; the HTML part encodes them.</summary>
public sealed record Personal(string Name, string Email, string Preferences, string Unsubscribe, string UnsubscribeAll)
{
    /// <summary>"Dear Rana," or "Hello," when the subscriber gave no name: templates can greet without a conditional,
    /// which keeps them renderable as a precomputed skeleton.</summary>
    public string Greeting => Name.Length > 0 ? $"Dear {Name}," : "Hello,";

    public string this[int slot] => slot switch
    {
        0 => Name,
        1 => Email,
        2 => Greeting,
        3 => Preferences,
        4 => Unsubscribe,
        5 => UnsubscribeAll,
        _ => throw new ArgumentOutOfRangeException(nameof(slot)),
    };

    public const int SlotCount = 6;

    public static readonly Personal Sample = new("Sample Reader", "reader@example.com",
        "https://example.com/preferences", "https://example.com/unsubscribe", "https://example.com/unsubscribe-all");
}

internal static class TemplateModel
{
    /// <summary>Puts the model into a Fluid context with the snake_case names templates use.</summary>
    public static TemplateContext Context(TemplateEdition e, Personal p, TemplateOptions options)
    {
        var context = new TemplateContext(options);
        Set(context, options, "site", new Dictionary<string, object?> { ["name"] = e.SiteName, ["url"] = e.SiteUrl });
        Set(context, options, "list", new Dictionary<string, object?> { ["name"] = e.ListName, ["description"] = e.ListDescription });
        Set(context, options, "edition", new Dictionary<string, object?>
        {
            ["subject"] = e.Subject,
            ["date"] = e.Date,
            ["intro_html"] = new StringValue(e.IntroHtml, encode: false),
            ["intro_text"] = e.IntroText,
            ["preheader"] = e.Preheader,
        });
        Set(context, options, "items", e.Items.Select(i => new Dictionary<string, object?>
        {
            ["title"] = i.Title,
            ["url"] = i.Url,
            ["dek"] = i.Dek,
            ["section"] = i.Section,
            ["authors"] = i.Authors,
            ["access"] = i.Access,
            ["is_teaser"] = i.IsTeaser,
            ["excerpt"] = i.Excerpt,
        }).ToList());
        Set(context, options, "subscriber", new Dictionary<string, object?> { ["name"] = p.Name, ["email"] = p.Email, ["greeting"] = p.Greeting });
        Set(context, options, "links", new Dictionary<string, object?>
        {
            ["preferences"] = p.Preferences,
            ["unsubscribe"] = p.Unsubscribe,
            ["unsubscribe_all"] = p.UnsubscribeAll,
        });
        return context;
    }

    private static void Set(TemplateContext context, TemplateOptions options, string name, object value) =>
        context.SetValue(name, FluidValue.Create(value, options));

    /// <summary>A plausible edition for checking a template at edit time: every field filled, a public
    /// item and a PRO teaser, so loops and conditionals are exercised.</summary>
    public static TemplateEdition Sample(string siteName, string siteUrl, string listName, string listDescription) => new(
        siteName, siteUrl, listName, listDescription,
        "Sample subject", "27 November 2026", "<p>A sample introduction.</p>", "A sample introduction.", "A sample preheader",
        [
            new("A public article", siteUrl.TrimEnd('/') + "/articles/sample", "Its dek", "Energy", "A. Writer", "public", false, "An excerpt."),
            new("A PRO memo", siteUrl.TrimEnd('/') + "/articles/sample-pro", "Its dek", "Markets", "B. Analyst", "pro", true, ""),
        ]);
}
