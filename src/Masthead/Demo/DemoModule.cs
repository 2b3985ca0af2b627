namespace Masthead.Demo;

public static class DemoModule
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder) => builder;

    public static Task SeedDemoAsync(this WebApplication app) => Task.CompletedTask;
}
