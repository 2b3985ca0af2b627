using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Masthead.Admin;

/// <summary>Inline validation for admin forms: the message sits under its field and the field points
/// at it with aria-describedby, so screen readers announce it with the input.</summary>
public static class AdminHtml
{
    public static string? ErrorText(this IHtmlHelper html, string key) =>
        html.ViewData.ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    public static string ErrorId(string key) => "err-" + key.Replace('.', '-');

    public static IHtmlContent FieldError(this IHtmlHelper html, string key) =>
        html.ErrorText(key) is { } message
            ? new HtmlString($"<p class=\"error\" id=\"{ErrorId(key)}\">{HtmlEncoder.Default.Encode(message)}</p>")
            : HtmlString.Empty;

    /// <summary>The aria-describedby value: the hint id and, when there is one, the error id; null for none.</summary>
    public static string? DescribedBy(this IHtmlHelper html, string key, string? hintId = null)
    {
        var ids = new[] { hintId, html.ErrorText(key) is null ? null : ErrorId(key) }.Where(x => x is not null);
        var value = string.Join(' ', ids);
        return value.Length == 0 ? null : value;
    }

    public static string? Invalid(this IHtmlHelper html, string key) => html.ErrorText(key) is null ? null : "true";
}
