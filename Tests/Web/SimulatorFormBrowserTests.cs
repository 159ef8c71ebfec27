using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The simulator's fields in a real browser at a phone's, a tablet's and a laptop's width: each value the issue saw
/// changed without a word is refused with its message, kept as typed, on screen, and Start stays disabled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorFormBrowserTests : BrowserTest
{
    /// <summary>Field, value typed, what the page says (the app's default site allows up to 10,000 readings/s).</summary>
    private static readonly (string Field, string Typed, string Message)[] s_refused =
    [
        ("rate", "1e9", "Readings per second must be 0.1 to 10,000 on this site; 1,000,000,000 is outside that range."),
        ("rate", "1,000,000,000", "Readings per second must be 0.1 to 10,000 on this site; 1,000,000,000 is outside that range."),
        ("rate", "0", "Readings per second must be 0.1 to 10,000 on this site; 0 is outside that range."),
        ("rate", "-5", "Readings per second must be 0.1 to 10,000 on this site; -5 is outside that range."),
        ("rate", "abc", "Readings per second must be a number from 0.1 to 10,000; \"abc\" is not."),
        ("locations", "100000", "Locations must be 1 to 24; 100,000 is outside that range."),
        ("stop-after", "-5", "Stop after N readings must be 1 to 1,000,000,000,000, or empty to run until stopped; -5 is outside that range."),
    ];

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    [InlineData(1366, 768)]
    public async Task Each_refused_value_shows_its_message_on_screen_keeps_what_was_typed_and_Start_stays_disabled(int width, int height)
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(App.BaseUrl + "/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var start = page.Locator("#start-normal");
        await Assertions.Expect(start).ToBeEnabledAsync();

        foreach (var (field, typed, message) in s_refused)
        {
            var input = page.Locator($"#{field}-normal");
            var valid = await input.InputValueAsync();
            await input.FillAsync(typed);

            var shown = page.Locator("#dataset-normal").GetByText(message, new() { Exact = true });
            await Assertions.Expect(shown).ToBeVisibleAsync();
            await Assertions.Expect(start).ToBeDisabledAsync();
            Assert.Equal(typed, await input.InputValueAsync());
            var box = await shown.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"At {width} px the message for {field} = {typed} runs off the screen ({box.X} + {box.Width}).");

            await input.FillAsync(valid);
            await Assertions.Expect(shown).ToHaveCountAsync(0);
            await Assertions.Expect(start).ToBeEnabledAsync();
        }
        Assert.Null(App.Services.GetRequiredService<WindSimulator>().RunOf(WindDataset.Normal));
    }
}
