namespace Masthead.Admin;

/// <summary>Post-redirect-get confirmations: a page redirects to itself with ?notice=key and shows the text.
/// Only known keys render, so the query string cannot inject text into the page.</summary>
public static class AdminNotices
{
    public static string? For(string? key) => key switch
    {
        "saved" => "Saved.",
        "published" => "Published: the article is live.",
        "scheduled" => "Scheduled.",
        "unpublished" => "Unpublished: the article is a draft again and no longer on the site.",
        "note" => "Note added.",
        "deleted" => "Deleted.",
        "detached" => "Deleted, and removed from the articles that used it.",
        "uploaded" => "Uploaded.",
        "too-large" => "The upload was too large and was not accepted; nothing was saved. Choose a smaller file.",
        _ => null,
    };
}
