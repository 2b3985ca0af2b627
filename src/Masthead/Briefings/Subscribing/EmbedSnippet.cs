using System.Net;
using Masthead.Site;

namespace Masthead.Briefings.Subscribing;

/// <summary>The form other sites paste. No script, no cookie: it posts cross-site to the embed endpoint.</summary>
public static class EmbedSnippet
{
    public static string For(SiteOptions site, string listSlug)
    {
        var action = WebUtility.HtmlEncode(site.Absolute(EmbedEndpoint.Path));
        var name = WebUtility.HtmlEncode(site.Name);
        var slug = WebUtility.HtmlEncode(listSlug);
        return $"""
            <form method="post" action="{action}">
              <input type="hidden" name="list" value="{slug}">
              <label for="masthead-email">Your email for {name} briefings</label>
              <input id="masthead-email" type="email" name="email" required autocomplete="email">
              <div style="position:absolute;left:-10000px" aria-hidden="true">
                <label for="masthead-website">Leave this empty</label>
                <input id="masthead-website" type="text" name="website" tabindex="-1" autocomplete="off">
              </div>
              <button type="submit">Sign up</button>
            </form>
            """;
    }
}
