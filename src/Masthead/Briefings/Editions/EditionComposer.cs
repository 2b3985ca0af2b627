using Masthead.Briefings.Templates;
using Masthead.Content;
using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Editions;

/// <summary>What a list contributes to its messages' envelope.</summary>
public sealed record ListEnvelope(int Id, string Slug, string Name, string TimeZone, string FromName, string FromAddress, string? ReplyTo);

/// <summary>Loads an edition with its list and items and renders it once: templates compiled, items turned
/// into template fields (PRO and members pieces as teasers without their text), the HTML and text parts
/// cut into skeletons around the personal fields, and items dropped from the end if the message would
/// pass the size limit.</summary>
public sealed class EditionComposer(BriefingTemplates templates, MarkdownRenderer markdown, IOptions<SiteOptions> site)
{
    /// <summary>Gmail clips messages over about 102 KB; we keep the whole MIME message under 100 KB and
    /// leave room for long names and links.</summary>
    public const int MaxMessageBytes = 100 * 1024;
    private const int PersonalHeadroomBytes = 3 * 1024;
    private const int ExcerptLength = 280;

    public async Task<RenderedEdition?> LoadAsync(MastheadDb db, long editionId, CancellationToken ct)
    {
        var e = await db.Editions.AsNoTracking().Where(x => x.Id == editionId)
            .Select(x => new
            {
                x.Id, x.Subject, x.Intro, x.Preheader, x.SentAt, x.CreatedAt,
                List = new { x.List!.Id, x.List.Slug, x.List.Name, x.List.Description, x.List.TimeZone, x.List.FromName, x.List.FromAddress, x.List.ReplyTo,
                    x.List.SubjectTemplate, x.List.HtmlTemplate, x.List.TextTemplate },
            })
            .FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var items = await db.EditionItems.AsNoTracking().Where(i => i.EditionId == editionId).OrderBy(i => i.Position)
            .Select(i => new ArticleForMail(i.Article!.Slug, i.Article.Title, i.Article.Dek, i.Article.Section != null ? i.Article.Section.Name : "",
                i.Article.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList(), i.Article.Access,
                i.Article.Access == AccessLevel.Public ? i.Article.BodyMarkdown : ""))
            .ToListAsync(ct);
        var list = new ListEnvelope(e.List.Id, e.List.Slug, e.List.Name, e.List.TimeZone, e.List.FromName, e.List.FromAddress, e.List.ReplyTo);
        var compiled = templates.Compile(e.List.SubjectTemplate, e.List.HtmlTemplate, e.List.TextTemplate);
        var date = Zones.ToLocal(e.SentAt ?? e.CreatedAt, e.List.TimeZone);
        return Compose(list, e.List.Description, e.Id, e.Subject, e.Intro, e.Preheader, date, items, compiled);
    }

    internal sealed record ArticleForMail(string Slug, string Title, string Dek, string Section, List<string> Authors, AccessLevel Access, string PublicBody);

    private RenderedEdition Compose(ListEnvelope list, string listDescription, long editionId, string subject, string intro, string preheader,
        DateTime localDate, List<ArticleForMail> articles, CompiledTemplates compiled)
    {
        var s = site.Value;
        var items = articles.Select(ToItem).ToList();
        var dropped = 0;
        while (true)
        {
            var model = new TemplateEdition(s.Name, s.Absolute("/"), list.Name, listDescription, subject,
                localDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                markdown.ToHtml(intro), markdown.ToPlainText(intro), preheader, items);
            var rendered = new RenderedEdition(editionId, list, model, compiled, templates, dropped);
            if (items.Count == 0 || rendered.SampleSizeBytes() + PersonalHeadroomBytes < MaxMessageBytes) return rendered;
            items.RemoveAt(items.Count - 1);
            dropped++;
        }

        TemplateItem ToItem(ArticleForMail a)
        {
            var teaser = a.Access != AccessLevel.Public;
            var excerpt = teaser ? "" : Excerpt(markdown.ToPlainText(a.PublicBody));
            return new TemplateItem(a.Title, s.Absolute($"/articles/{a.Slug}"), a.Dek, a.Section, string.Join(", ", a.Authors),
                a.Access.ToString().ToLowerInvariant(), teaser, excerpt);
        }
    }

    private static string Excerpt(string text)
    {
        text = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= ExcerptLength) return text;
        var cut = text.LastIndexOf(' ', ExcerptLength);
        return text[..(cut > 0 ? cut : ExcerptLength)] + "…";
    }
}

internal static class Zones
{
    public static TimeZoneInfo Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }

    public static DateTime ToLocal(DateTime utc, string zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(zone));

    public static DateTime ToUtc(DateTime local, string zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Find(zone));
}
