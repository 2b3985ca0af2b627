using Masthead.Briefings.Templates;
using MimeKit;

namespace Masthead.Briefings.Editions;

/// <summary>An edition rendered once, ready to be personalised for any number of recipients. Immutable
/// and thread-safe: delivery workers share one instance per edition.</summary>
public sealed class RenderedEdition
{
    private readonly CompiledTemplates _compiled;
    private readonly BriefingTemplates _templates;
    private readonly Skeleton? _subject, _html, _text;
    private readonly string _listId;

    internal RenderedEdition(long editionId, ListEnvelope list, TemplateEdition model, CompiledTemplates compiled,
        BriefingTemplates templates, int droppedItems)
    {
        EditionId = editionId;
        List = list;
        Model = model;
        DroppedItems = droppedItems;
        _compiled = compiled;
        _templates = templates;
        var host = Uri.TryCreate(model.SiteUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";
        _listId = $"<{list.Slug}.{host}>";
        if (compiled.SkeletonSafe)
        {
            var p = Skeleton.Placeholders;
            _subject = Skeleton.Parse(templates.Render(compiled.Subject, model, p, encode: false), html: false);
            _html = Skeleton.Parse(templates.Render(compiled.Html, model, p, encode: true), html: true);
            _text = Skeleton.Parse(templates.Render(compiled.Text, model, p, encode: false), html: false);
        }
    }

    public long EditionId { get; }
    public ListEnvelope List { get; }
    public TemplateEdition Model { get; }
    /// <summary>Items left out so the message stays under the size limit (shown to the editor as a warning).</summary>
    public int DroppedItems { get; }

    public (string Subject, string Html, string Text) Render(Personal p)
    {
        string subject, html, text;
        if (_html is not null)
        {
            subject = _subject!.Fill(p);
            html = _html.Fill(p);
            text = _text!.Fill(p);
        }
        else
        {
            // A template that filters or tests a personal field cannot be precomputed: render it whole.
            subject = _templates.Render(_compiled.Subject, Model, p, encode: false);
            html = _templates.Render(_compiled.Html, Model, p, encode: true);
            text = _templates.Render(_compiled.Text, Model, p, encode: false);
        }
        // A subject is one header line whatever the template or the name did.
        subject = subject.ReplaceLineEndings(" ").Trim();
        if (subject.Length == 0) subject = Model.ListName;
        return (subject, html, text);
    }

    /// <summary>The complete message for one recipient, minus Message-ID and DKIM (the delivery worker adds them).</summary>
    public MimeMessage ToMessage(string toAddress, string? toName, Personal p, string listUnsubscribeMailto, string? messageKey,
        DateTimeOffset date, string subjectPrefix = "")
    {
        var (subject, html, text) = Render(p);
        var message = new MimeMessage { Subject = subjectPrefix + subject, Date = date };
        message.From.Add(new MailboxAddress(List.FromName, List.FromAddress));
        if (!string.IsNullOrWhiteSpace(List.ReplyTo)) message.ReplyTo.Add(MailboxAddress.Parse(List.ReplyTo));
        message.To.Add(new MailboxAddress(StripBreaks(toName) ?? "", toAddress));
        message.Headers.Add("List-Id", _listId);
        message.Headers.Add("List-Unsubscribe", $"<{p.Unsubscribe}>, <{listUnsubscribeMailto}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (messageKey is not null) message.Headers.Add("X-Masthead-Key", messageKey);
        // Text first, HTML last (clients show the last part they understand). The transfer encoding is set
        // here so MimeKit need not scan a million bodies to choose one; quoted-printable keeps lines short.
        message.Body = new MultipartAlternative
        {
            new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart(MimeKit.Text.TextFormat.Html) { Text = html, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        return message;
    }

    private static string? StripBreaks(string? value) => value?.ReplaceLineEndings(" ");

    /// <summary>The size of the whole message for a sample recipient, as it would be written.</summary>
    internal long SampleSizeBytes()
    {
        var message = ToMessage("reader@example.com", "Sample Reader", Personal.Sample, "mailto:unsubscribe@example.com", "edition/0/0",
            DateTimeOffset.UnixEpoch);
        using var counter = new MimeKit.IO.MeasuringStream();
        message.WriteTo(counter);
        return counter.Length;
    }
}
