using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Security;

/// <summary>
/// In Chromium: every page runs under the content security policy with no violation and the dashboard's charts draw;
/// a turbine name carrying HTML (as a table written before names were checked may hold) is shown as text by the
/// charts' legend and tooltip, with the policy switched off so that only the escaping stands between it and the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests : BrowserTest
{
    /// <summary>A name that runs script if a chart inserts it as HTML.</summary>
    private const string Hostile = "<img src=x onerror=\"window.__pwned=1\">";

    /// <summary>Collects the page's CSP violations before any of its own scripts runs.</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task Every_page_runs_under_the_policy_with_no_violation_and_the_dashboard_charts_draw()
    {
        await WriteReadingsAsync("Chicago", ["CHI-01", "CHI-02"]);
        var page = await NewPageAsync(Desktop);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" || message.Text.Contains("Content Security Policy")) problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.AddInitScriptAsync(ViolationRecorder);

        var response = await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#location-Chicago").ClickAsync();
        var charts = new Dictionary<string, JsonElement>();
        foreach (var chart in new[] { "score-chart", "speed-chart", "max-chart" })
            charts[chart] = await WaitForPointsAsync(page, chart);
        var drawn = await page.Locator(".apex-chart svg.apexcharts-svg").CountAsync();
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        foreach (var path in new[] { "/", "/alerts", "/dead-letters", "/streams", "/tables" })
        {
            await page.GotoAsync(App.BaseUrl + path);
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.WaitForTimeoutAsync(300);
            violations = [.. violations, .. (await page.EvaluateAsync<string[]>("() => window.__cspViolations")).Select(v => path + ": " + v)];
        }

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.All(charts, c => Assert.True(c.Value.GetProperty("points").GetInt32() > 0, $"{c.Key} drew no points."));
        Assert.Equal(2, charts["speed-chart"].GetProperty("series").GetInt32());
        Assert.Equal(3, drawn);
        Assert.Empty(violations);
        Assert.DoesNotContain(problems, p => !p.Contains("favicon", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_turbine_name_carrying_HTML_shows_as_text_in_the_legend_and_the_tooltip_and_runs_nothing()
    {
        await WriteReadingsAsync("Chicago", [Hostile, "CHI-02"]);
        await using var context = await NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("#location-Chicago").ClickAsync();
        await WaitForPointsAsync(page, "speed-chart");

        var legend = await page.Locator("#speed-chart .apexcharts-legend-text").AllTextContentsAsync();
        var plot = await page.Locator("#speed-chart .apexcharts-grid").BoundingBoxAsync();
        await page.Mouse.MoveAsync(plot!.X + plot.Width * 0.5f, plot.Y + plot.Height * 0.5f);
        await Assertions.Expect(page.Locator("#speed-chart .apexcharts-tooltip.apexcharts-active")).ToBeVisibleAsync();
        var tooltipLabels = await page.Locator("#speed-chart .apexcharts-tooltip-text-y-label").AllTextContentsAsync();
        await page.WaitForTimeoutAsync(300);

        Assert.Contains(Hostile, legend);
        Assert.Contains(Hostile + ": ", tooltipLabels);
        Assert.Equal(0, await page.Locator("#speed-chart img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "The name's script ran.");
    }

    [Fact]
    public async Task The_chart_module_escapes_series_names_it_is_given_and_draws_labels_as_text()
    {
        await using var context = await NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        var result = await page.EvaluateAsync<JsonElement>("""
            async (name) => {
                const charts = await import('/js/apexChart.js');
                const element = document.createElement('div');
                element.id = 'escaping-test';
                document.body.appendChild(element);
                charts.create(element, 'escaping-test', {
                    kind: 'line', height: 240, yTitle: name, decimals: 1, maxPoints: 10, markerSize: 0, emptyText: name,
                    thresholds: [{ value: 2, label: name, color: '#d32f2f' }],
                });
                const now = Date.now();
                charts.setSeries('escaping-test', [{ name, points: [{ x: now - 2000, y: 1 }, { x: now - 1000, y: 3 }, { x: now, y: 2 }] }]);
                charts.append('escaping-test', [{ name: name + ' & co', points: [{ x: now, y: 1 }] }]);
                await new Promise(r => setTimeout(r, 500));
                return {
                    escaped: charts.escapeHtml(`<b title="x">Tom's & Jerry's</b>`),
                    legend: [...element.querySelectorAll('.apexcharts-legend-text')].map(e => e.textContent),
                    annotation: [...element.querySelectorAll('.apexcharts-yaxis-annotations text')].map(e => e.textContent),
                    yTitle: element.querySelector('.apexcharts-yaxis-title text')?.textContent,
                    elements: element.querySelectorAll('img, b').length,
                    pwned: window.__pwned === undefined ? null : window.__pwned,
                };
            }
            """, Hostile);

        Assert.Equal("&lt;b title=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/b&gt;", result.GetProperty("escaped").GetString());
        Assert.Equal(new[] { Hostile, Hostile + " & co" }, result.GetProperty("legend").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.Equal(new[] { Hostile }, result.GetProperty("annotation").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.Equal(Hostile, result.GetProperty("yTitle").GetString());
        Assert.Equal(0, result.GetProperty("elements").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("pwned").ValueKind);
    }

    /// <summary>Writes scored readings of the last minute for <paramref name="turbines"/>, and a max-speed window, straight into the tables.</summary>
    private async Task WriteReadingsAsync(string location, string[] turbines)
    {
        var tables = App.Services.GetRequiredService<ITableStore>();
        var now = DateTimeOffset.UtcNow;
        var items = new List<Item>();
        for (var i = 0; i < 10; i++)
        {
            for (var t = 0; t < turbines.Length; t++)
                items.Add(WindDataItem.From(new AnomalyResult(new WindReading(location, turbines[t], 30 + i + t, now.AddSeconds(i - 30), i + 1, "test"), 0.5 + i * 0.1, 0, null)));
        }

        await tables.PutItemsAsync("WindDataTable", items);
        await tables.PutItemsAsync("MaxWindSpeedTable", [MaxWindSpeedItem.From(new MaxSpeedWindow(location, 42, now.AddMinutes(-1), now, 20))]);
    }

    private static async Task<JsonElement> WaitForPointsAsync(IPage page, string chartId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement summary = default;
        while (DateTime.UtcNow < deadline)
        {
            var json = await page.EvaluateAsync<JsonElement?>($"async () => (await import('/js/apexChart.js')).summary('{chartId}')");
            if (json is { ValueKind: JsonValueKind.Object } s)
            {
                summary = s;
                if (s.GetProperty("points").GetInt32() > 0)
                    return s;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{chartId} drew no points in 20 s (last summary: {summary}).");
    }
}
