using TurbineConsole.Pipeline.Health;

namespace TurbineConsole.Tests.Core.Health;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(450, "450 ms")]
    [InlineData(12_300, "12 s")]
    [InlineData(120_000, "2 min")]
    [InlineData(134_000, "2 min 14 s")]
    [InlineData(3_900_000, "1 h 5 min")]
    [InlineData(7_200_000, "2 h")]
    [InlineData(183_600_000, "2 d 3 h")]
    [InlineData(-5_000, "0 ms")]
    public void A_duration_reads_in_its_two_largest_units(long milliseconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
