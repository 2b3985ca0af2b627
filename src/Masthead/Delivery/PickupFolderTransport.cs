using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>The embedded default: each message becomes one .eml file in the pickup folder.</summary>
internal sealed class PickupFolderTransport(IOptions<MailOptions> options, TimeProvider time) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var directory = options.Value.PickupDirectory!;
        Directory.CreateDirectory(directory);
        var name = PickupMailbox.NewFileName(time.GetUtcNow());
        // Written under a name readers skip (not *.eml), then renamed: a reader never sees half a message.
        var temp = Path.Combine(directory, $".{name}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
            }
            File.Move(temp, Path.Combine(directory, name));
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
