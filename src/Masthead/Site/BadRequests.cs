using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Site;

/// <summary>Input the sender got wrong — a form over the limits (1,024 fields, a 4 MB value), a body over the
/// request size limit, a malformed multipart section — is the client's fault: 400 or 413 with a sentence saying
/// what was wrong, one log line at Information, and nothing changed. Without this it surfaced as a 500 with an
/// Error log and a stack trace, the signature of a server fault. Routes with a more precise answer (the bounce
/// and Stripe endpoints) give it themselves; this is the net under everything else.</summary>
public static class BadRequests
{
    public const string FormUnreadable =
        "The form could not be read: it has too many fields, a value that is too long, or a malformed part.";
    public const string TooLarge = "The request is larger than this address accepts.";
    private const string Unreadable = "The request could not be read.";
    private static readonly object DetailKey = new();

    public static WebApplicationBuilder AddBadRequestHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<MvcOptions>(o => o.Filters.Add(new ReadFormFirstFilter()));
        return builder;
    }

    /// <summary>For the exception handler's options: a bad request is answered, not logged as an error.</summary>
    public static bool IsBadRequest(Exception e) => e is BadHttpRequestException;

    /// <summary>Reads the posted form; a form the framework refuses becomes a 400 instead of an InvalidDataException
    /// (a server error to everything upstream).</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            throw new BadHttpRequestException(FormUnreadable, StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>What the error page says about this request's bad input, or null when it had none.</summary>
    public static string? DetailFor(HttpContext context) => context.Items[DetailKey] as string;

    /// <summary>Our own sentences only: the framework's messages can quote the request back (a Content-Disposition
    /// header, a bound value), and an error page must not reflect input.</summary>
    private static string Detail(BadHttpRequestException e) =>
        e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge : e.Message == FormUnreadable ? FormUnreadable : Unreadable;

    private static string Title(int status) => status == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request";

    /// <summary>Answers <see cref="BadHttpRequestException"/> (its status code, 400 or 413): problem details under /api;
    /// for the site it sets the status and the detail and lets the error page (/error) render them in the layout.</summary>
    private sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
            // One line, no stack trace: the reason is the framework's, which may name the limit that was hit.
            log.LogInformation("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, path, status,
                (bad.InnerException ?? bad).Message);
            var detail = Detail(bad);
            context.Response.StatusCode = status;
            if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                context.Items[DetailKey] = detail;
                return false;
            }
            await TypedResults.Problem(detail, statusCode: status, title: Title(status)).ExecuteAsync(context);
            return true;
        }
    }

    /// <summary>Reads a posted form before antiforgery and model binding do. Both swallow a form the framework
    /// refuses (antiforgery answers a bare 400, binding leaves the handler's inputs empty); reading it first turns
    /// that into a <see cref="BadHttpRequestException"/> with a reason. Runs once a page's own limits are in place
    /// (<c>UploadLimitsAttribute</c> at -3000, [RequestSizeLimit] and [RequestFormLimits] at 900) and before
    /// antiforgery (1000); not on a re-executed error page, whose request is the one that already failed.</summary>
    private sealed class ReadFormFirstFilter : IAsyncAuthorizationFilter, IOrderedFilter
    {
        public int Order => 950;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!http.Request.HasFormContentType) return;
            if (http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;
            await ReadFormAsync(http.Request, http.RequestAborted);
        }
    }
}
