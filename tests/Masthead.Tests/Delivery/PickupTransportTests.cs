using System.Diagnostics;
using System.Net;
using Masthead.Accounts;
using Masthead.Delivery;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Delivery;

/// <summary>Where the pickup folder may be used, and what a killed process leaves in it.</summary>
public sealed class PickupTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductionRefusesToStartWithThePickupFolderAndNamesTheSettingThatAllowsIt()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(settings: new() { ["environment"] = "Production" }));
        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        var message = Assert.Single(validation.Failures);
        Assert.Equal(DeliveryModule.PickupRefusedInProduction, message);
        Assert.Contains("Mail:AllowPickupInProduction=true", message);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("Production", "Pickup", "true")]
    [InlineData("Production", "Smtp", null)]
    [InlineData("Development", "Pickup", null)]
    [InlineData("Testing", "Pickup", null)]
    public async Task ThePickupFolderStaysTheDefaultOutsideProductionAndIsAllowedThereOnlyWhenSaid(string environment, string transport, string? allow)
    {
        var settings = new Dictionary<string, string?> { ["environment"] = environment, ["Mail:Transport"] = transport, ["Delivery:Enabled"] = "false" };
        if (allow is not null) settings["Mail:AllowPickupInProduction"] = allow;
        if (transport == "Smtp") settings["Mail:SmtpHost"] = "127.0.0.1";
        await using var app = await TestApp.StartAsync(settings: settings);
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        Assert.Equal(Enum.Parse<MailTransportKind>(transport), mail.Transport);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task UnfinishedTmpFilesFromAnEarlierProcessAreDeletedAtStartAndNothingElseIs()
    {
        var folder = Path.Combine(Path.GetTempPath(), "masthead-tests", "pickup-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            var beforeThisProcess = Process.GetCurrentProcess().StartTime.ToUniversalTime().AddMinutes(-5);
            var leftover = Touch(folder, ".20261120T085959000Z-0123456789abcdef0123456789abcdef.eml.tmp", beforeThisProcess);
            var oldMessage = Touch(folder, "20261120T085959000Z-0123456789abcdef0123456789abcdef.eml", beforeThisProcess);
            var oldOther = Touch(folder, "notes.txt", beforeThisProcess);
            var inFlight = Touch(folder, ".20261120T090000000Z-fedcba9876543210fedcba9876543210.eml.tmp", DateTime.UtcNow);

            await using var app = await TestApp.StartAsync(settings: new() { ["Mail:PickupDirectory"] = folder });

            Assert.False(File.Exists(leftover), "the zero-byte .tmp of a killed process is gone");
            Assert.True(File.Exists(oldMessage) && File.Exists(oldOther), "only .tmp files are removed");
            Assert.True(File.Exists(inFlight), "a .tmp newer than this process may still be being written");
            var admin = await app.SignedInClientAsync(Roles.Admin);
            var list = await admin.GetStringAsync("/admin/mail", Ct);
            Assert.Contains("1 message", list);
            Assert.DoesNotContain("fedcba9876543210", list);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static string Touch(string folder, string name, DateTime lastWriteUtc)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, name.EndsWith(".eml", StringComparison.Ordinal) ? "Subject: old\r\nTo: a@example.test\r\n\r\nold\r\n"u8.ToArray() : []);
            File.SetLastWriteTimeUtc(path, lastWriteUtc);
            return path;
        }
    }
}
