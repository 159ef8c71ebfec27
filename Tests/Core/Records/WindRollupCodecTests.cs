using System.Text;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.Records;

public class WindRollupCodecTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 10, 0, TimeSpan.Zero);

    private static readonly AnomalyResult s_peak =
        new(new WindReading("Chicago", "CHI-07", 96.2, s_start.AddMinutes(3), 7, "anomaly"), 4.25, 0.8, 31.5) { Attribution = new SpeedAttribution(4, 0.25) };

    [Fact]
    public void Decode_reads_back_what_encode_wrote_including_a_part()
    {
        var rollup = new WindRollup("Chicago", "CHI-07", s_start, WindRollup.Coarse, 600, 96.2, s_peak, null);

        Assert.Equal(rollup, WindRollupCodec.Decode(WindRollupCodec.Encode(rollup)));
        Assert.Equal(rollup with { Part = "4960" }, WindRollupCodec.Decode(WindRollupCodec.Encode(rollup with { Part = "4960" })));
    }

    [Theory]
    [InlineData("\"widthSeconds\":600", "\"widthSeconds\":90", "Field 'widthSeconds' is 90; it must be one of 60, 600.")]
    [InlineData("\"start\":\"2026-11-30T12:10:00.000Z\"", "\"start\":\"2026-11-30T12:15:00.000Z\"", "not the start of a 600 s bucket")]
    [InlineData("\"readings\":600", "\"readings\":0", "Field 'readings' is 0")]
    [InlineData("\"turbine\":\"CHI-07\",\"speed\"", "\"turbine\":\"CHI-08\",\"speed\"", "another location or turbine")]
    public void A_rollup_that_cannot_be_one_is_refused_naming_the_field(string field, string replacement, string expected)
    {
        var json = Encoding.UTF8.GetString(WindRollupCodec.Encode(new WindRollup("Chicago", "CHI-07", s_start, WindRollup.Coarse, 600, 96.2, s_peak, null)));
        Assert.Contains(field, json);

        var error = Assert.Throws<RecordFormatException>(() => WindRollupCodec.Decode(Encoding.UTF8.GetBytes(json.Replace(field, replacement))));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Buckets_are_aligned_to_the_epoch_whatever_the_time()
    {
        Assert.Equal(s_start, WindRollup.BucketStart(s_start.AddMinutes(9).AddSeconds(59.999), WindRollup.Coarse));
        Assert.Equal(s_start.AddMinutes(10), WindRollup.BucketStart(s_start.AddMinutes(10), WindRollup.Coarse));
        Assert.Equal(s_start.AddMinutes(4), WindRollup.BucketStart(s_start.AddMinutes(4).AddSeconds(1), WindRollup.Fine));
    }
}
