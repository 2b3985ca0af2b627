using System.Text.Encodings.Web;
using Masthead.Site.Slices;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using RazorSlices;

namespace Masthead.Briefings.Subscribing;

/// <summary>The signup box on the home page:
/// <c>@await Component.InvokeAsync("BriefingSignup", new { source = "home" })</c>. Its markup is the
/// Site/Slices/SignupBox template, which the article page (a Razor Slices page) renders too. It holds nothing
/// personal, so output-cached pages can include it.</summary>
public sealed class BriefingSignupViewComponent(SignupForms forms, HtmlEncoder encoder) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string source, string? section = null, IEnumerable<string>? tags = null)
    {
        var ct = HttpContext.RequestAborted;
        var signedIn = UserClaimsPrincipal.Identity?.IsAuthenticated == true;
        var view = source switch
        {
            "article" => await forms.ForArticleAsync(section, tags ?? [], signedIn, ct),
            "briefings" => await forms.ForBriefingsPageAsync(signedIn, ct),
            _ => await forms.ForHomeAsync(signedIn, ct),
        };
        return new HtmlContentViewComponentResult(new HtmlString(await SignupBox.Create(view).RenderAsync(encoder, ct)));
    }
}
