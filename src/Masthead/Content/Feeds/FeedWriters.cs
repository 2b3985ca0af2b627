using System.Xml;
using Masthead.Content.Reading;
using Masthead.Site;

namespace Masthead.Content.Feeds;

/// <summary>What a feed is about: the whole site, a section or a tag.</summary>
internal sealed record FeedChannel(string Title, string Description, string HtmlPath, string RssPath, string AtomPath);

internal static class RssWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(FeedChannel channel, IReadOnlyList<FeedItem> items, SiteOptions site, DateTime now) =>
        XmlOutput.Write(w =>
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, AtomNs);
            w.WriteAttributeString("xmlns", "content", null, ContentNs);
            w.WriteAttributeString("xmlns", "dc", null, DcNs);
            w.WriteStartElement("channel");
            w.Element("title", channel.Title);
            w.Element("link", site.Absolute(channel.HtmlPath));
            w.Element("description", channel.Description);
            w.Element("language", site.DefaultLanguage);
            w.Element("lastBuildDate", XmlOutput.Rfc822(items.Count > 0 ? items.Max(i => Latest(i)) : now));
            w.Element("generator", "Masthead");
            w.WriteStartElement("atom", "link", AtomNs);
            w.WriteAttributeString("href", site.Absolute(channel.RssPath));
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();

            foreach (var item in items)
            {
                var url = site.Absolute(ReaderPaths.Article(item.Slug));
                w.WriteStartElement("item");
                w.Element("title", item.Title);
                w.Element("link", url);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(url);
                w.WriteEndElement();
                w.Element("pubDate", XmlOutput.Rfc822(item.PublishedAt));
                // RSS <author> wants an email address; dc:creator carries a name.
                foreach (var author in item.AuthorNames) w.Element("dc", "creator", DcNs, author);
                if (item.SectionName is { } section) w.Element("category", section);
                foreach (var tag in item.TagNames) w.Element("category", tag);
                w.Element("description", item.Dek);
                if (item.BodyHtml is { } body)
                {
                    w.WriteStartElement("content", "encoded", ContentNs);
                    w.WriteString(XmlOutput.Clean(body));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });

    internal static DateTime Latest(FeedItem item) => item.UpdatedAt > item.PublishedAt ? item.UpdatedAt : item.PublishedAt;
}

internal static class AtomWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedChannel channel, IReadOnlyList<FeedItem> items, SiteOptions site, DateTime now) =>
        XmlOutput.Write(w =>
        {
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xml", "lang", null, site.DefaultLanguage);
            w.Element("id", site.Absolute(channel.AtomPath));
            w.Element("title", channel.Title);
            w.Element("subtitle", channel.Description);
            w.Element("updated", XmlOutput.Rfc3339(items.Count > 0 ? items.Max(RssWriter.Latest) : now));
            Link(w, "self", site.Absolute(channel.AtomPath), "application/atom+xml");
            Link(w, "alternate", site.Absolute(channel.HtmlPath), "text/html");
            w.WriteStartElement("author");
            w.Element("name", site.Name);
            w.WriteEndElement();
            w.Element("generator", "Masthead");

            foreach (var item in items)
            {
                var url = site.Absolute(ReaderPaths.Article(item.Slug));
                w.WriteStartElement("entry");
                w.WriteAttributeString("xml", "lang", null, item.Language);
                w.Element("id", url);
                w.Element("title", item.Title);
                Link(w, "alternate", url, "text/html");
                w.Element("published", XmlOutput.Rfc3339(item.PublishedAt));
                w.Element("updated", XmlOutput.Rfc3339(RssWriter.Latest(item)));
                foreach (var author in item.AuthorNames)
                {
                    w.WriteStartElement("author");
                    w.Element("name", author);
                    w.WriteEndElement();
                }
                foreach (var term in item.SectionName is { } s ? item.TagNames.Prepend(s) : item.TagNames)
                {
                    w.WriteStartElement("category");
                    w.WriteAttributeString("term", XmlOutput.Clean(term));
                    w.WriteEndElement();
                }
                w.Element("summary", item.Dek);
                if (item.BodyHtml is { } body)
                {
                    w.WriteStartElement("content");
                    w.WriteAttributeString("type", "html");
                    w.WriteString(XmlOutput.Clean(body));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }
}
