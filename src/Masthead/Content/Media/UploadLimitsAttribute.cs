using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Media;

/// <summary>Request limits for pages that accept uploads, taken from Media:MaxBytes (the built-in
/// [RequestSizeLimit] and [RequestFormLimits] need constants). Runs before the antiforgery check reads the
/// form. The limit leaves room above MaxBytes so a slightly large file reaches the handler and gets a
/// precise message; a request far above it is turned away with a redirect carrying a readable notice
/// instead of a bare 400.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    public int Order => -3000;
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) =>
        new Filter(services.GetRequiredService<IOptions<MediaOptions>>().Value.RequestLimit);

    private sealed class Filter(long limit) : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => -3000;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsPost(http.Request.Method)) return;
            if (http.Request.ContentLength > limit)
            {
                context.Result = new RedirectResult(http.Request.Path + "?notice=too-large");
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            if (http.Features.Get<IFormFeature>()?.Form is null)
            {
                http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
            }
        }
    }
}
