using Masthead.Briefings.Templates;
using Masthead.Delivery;
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
        return (OneLine(subject), html, text);
    }

    /// <summary>A subject is one header line whatever the template or the name did.</summary>
    private string OneLine(string subject)
    {
        subject = subject.ReplaceLineEndings(" ").Trim();
        return subject.Length == 0 ? Model.ListName : subject;
    }

    /// <summary>The subject and both parts, encoded for the wire (see EncodedText): from the skeletons when the
    /// templates allow it, so that per recipient only the personal values are encoded.</summary>
    private (string Subject, TextPart Text, TextPart Html) Parts(Personal p)
    {
        if (_html is not null)
        {
            return (OneLine(_subject!.Fill(p)), EncodedText.Part("plain", _text!.FillQuotedPrintable(p)),
                EncodedText.Part("html", _html.FillQuotedPrintable(p)));
        }
        var (subject, html, text) = Render(p);
        return (subject, EncodedText.Part("plain", text), EncodedText.Part("html", html));
    }

    /// <summary>The complete message for one recipient, minus Message-ID and DKIM (the delivery worker adds them).
    /// Without <paramref name="listUnsubscribeMailto"/> (a test to an editor) there are no List-Unsubscribe headers: a
    /// mail client's unsubscribe button, one-click or not, must not offer what the message cannot do.</summary>
    public MimeMessage ToMessage(string toAddress, string? toName, Personal p, string? listUnsubscribeMailto, string? messageKey,
        DateTimeOffset date, string subjectPrefix = "")
    {
        var (subject, textPart, htmlPart) = Parts(p);
        var message = new MimeMessage { Subject = subjectPrefix + subject, Date = date };
        MailboxHeaders.Set(message, HeaderId.From, List.FromName, List.FromAddress);
        if (!string.IsNullOrWhiteSpace(List.ReplyTo)) message.ReplyTo.Add(MailboxAddress.Parse(List.ReplyTo));
        MailboxHeaders.Set(message, HeaderId.To, toName, toAddress);
        message.Headers.Add("List-Id", _listId);
        if (listUnsubscribeMailto is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{p.Unsubscribe}>, <{listUnsubscribeMailto}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (messageKey is not null) message.Headers.Add("X-Masthead-Key", messageKey);
        // Text first, HTML last (clients show the last part they understand). Encoded once, here: see EncodedText.
        message.Body = new MultipartAlternative { textPart, htmlPart };
        return message;
    }

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
