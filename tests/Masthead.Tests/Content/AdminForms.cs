using System.Net.Http.Headers;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

/// <summary>Form posts for the admin tests: repeated fields (byline slots, tag checkboxes) and
/// multipart uploads, each with the antiforgery token read from the page, as a browser sends them.</summary>
internal static class AdminForms
{
    public static async Task<HttpResponseMessage> PostPairsAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url,
        Dictionary<string, string> fields, (string Field, string FileName, string ContentType, byte[] Bytes)? file,
        bool withToken = true, string? formPage = null)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        if (withToken) content.Add(new StringContent(await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0])), "__RequestVerificationToken");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(f.ContentType);
            content.Add(part, f.Field, f.FileName);
        }
        return await client.PostAsync(url, content);
    }

    /// <summary>The fields of a complete, valid article form.</summary>
    public static Dictionary<string, string> Article(string title, string command = "save", int version = 0, string slug = "",
        string body = "Reporting from the Gulf.", string? scheduleAt = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.Dek"] = "A short summary.",
        ["Input.Body"] = body,
        ["Input.Language"] = "en",
        ["Input.Access"] = "Public",
        ["Input.Version"] = version.ToString(),
        ["Input.ScheduleAt"] = scheduleAt ?? "",
        ["Command"] = command,
    };

    /// <summary>The editor's preview document: the frame's srcdoc attribute, decoded as the browser decodes it.</summary>
    public static string? PreviewDocument(string editorHtml) =>
        System.Text.RegularExpressions.Regex.Match(editorHtml, "srcdoc=\"([^\"]*)\"") is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;

    public static string[] MediaFiles(this TestApp app)
    {
        var dir = Path.Combine(app.DataDirectory, "media");
        return Directory.Exists(dir) ? Directory.GetFiles(dir) : [];
    }
}
