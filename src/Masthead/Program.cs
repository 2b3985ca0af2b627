using Masthead.Accounts;
using Masthead.Admin;
using Masthead.Billing;
using Masthead.Billing.Admin;
using Masthead.Briefings;
using Masthead.Content;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Demo;
using Masthead.Membership;
using Masthead.Operations;
using Masthead.Site;

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddSite();
builder.AddAccounts();
builder.AddDelivery();
builder.AddContent();
builder.AddBriefings();
builder.AddMembership();
builder.AddBilling();
builder.AddMemberAdmin();
builder.AddAdmin();
builder.AddDemo();

var app = builder.Build();

await app.PrepareDatabaseAsync();
if (Cli.IsCommand(args)) return await Cli.RunAsync(app, args);
await app.SeedDemoAsync();

app.UseSite();
app.MapSite();
app.MapAccounts();
app.MapDelivery();
app.MapContent();
app.MapBriefings();
app.MapMembership();
app.MapBilling();
app.MapMemberAdmin();
app.MapAdmin();
app.MapRouteAccess();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
