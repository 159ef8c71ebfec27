using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Embedded;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>The simulator within a site's limits (<see cref="SimulatorOptions"/>), on the embedded stream.</summary>
public sealed class WindSimulatorTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    private readonly SqliteStreamClient _streams = new(directory.SharedDatabase);

    [Fact]
    public async Task A_start_into_a_stream_not_in_AllowedStreams_is_refused_naming_the_setting_and_creates_and_sends_nothing()
    {
        var allowed = await NewStreamAsync();
        var other = "Other" + Guid.NewGuid().ToString("N")[..12];
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { AllowedStreams = [allowed] });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Normal, Settings(other, rate: 20)));

        Assert.Contains($"The stream \"{other}\" is not one the simulator may send to on this site; it may send to {allowed}.", error.Message);
        Assert.Null(simulator.RunOf(WindDataset.Normal));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _streams.DescribeStreamAsync(other));
    }

    [Fact]
    public async Task A_start_above_the_sites_highest_rate_is_refused_naming_the_field_and_range_and_sends_nothing()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { MaxRatePerSecond = 50 });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => simulator.StartAsync(WindDataset.Anomaly, Settings(stream, rate: 50.5)));

        Assert.StartsWith("Readings per second must be 0.1 to 50 on this site; 50.5 is outside that range.", error.Message);
        Assert.Null(simulator.RunOf(WindDataset.Anomaly));
        await Task.Delay(200);
        Assert.Equal(0, await CountAsync(stream));
    }

    [Fact]
    public async Task With_the_simulator_turned_off_every_start_is_refused_saying_so()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { Enabled = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.StartAsync(WindDataset.Diy, Settings(stream, rate: 1)));

        Assert.Equal("The simulator is turned off on this site by its administrator.", error.Message);
        Assert.Equal(0, await CountAsync(stream));
    }

    [Fact]
    public async Task A_start_within_the_limits_runs_and_a_refused_one_leaves_it_running()
    {
        var stream = await NewStreamAsync();
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions { AllowedStreams = [stream], MaxRatePerSecond = 50 });

        var run = await simulator.StartAsync(WindDataset.Normal, Settings(stream, rate: 50));
        await Assert.ThrowsAsync<ArgumentException>(() => simulator.StartAsync(WindDataset.Normal, Settings(stream, rate: 500)));

        Assert.Same(run, simulator.RunOf(WindDataset.Normal));
        Assert.Equal(RunStatus.Running, run.Status);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (run.Sent == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(run.Sent > 0, "The run within the limits sent nothing.");
    }

    [Fact]
    public async Task Without_limits_a_simulator_allows_any_stream_up_to_the_rates_ceiling()
    {
        await using var simulator = new WindSimulator(_streams);

        Assert.True(simulator.Limits.Enabled);
        Assert.Null(simulator.Limits.Refusal(Settings("AnyStream", rate: SimulatorOptions.RateCeilingPerSecond)));
    }

    [Theory]
    [InlineData(1e9, 5, 4, null, "Readings per second must be 0.1 to 10,000 on this site; 1,000,000,000 is outside that range.")]
    [InlineData(0, 5, 4, null, "Readings per second must be 0.1 to 10,000 on this site; 0 is outside that range.")]
    [InlineData(-5, 5, 4, null, "Readings per second must be 0.1 to 10,000 on this site; -5 is outside that range.")]
    [InlineData(double.NaN, 5, 4, null, "Readings per second must be 0.1 to 10,000 on this site; NaN is outside that range.")]
    [InlineData(20, 100_000, 4, null, "Locations must be 1 to 24; 100,000 is outside that range.")]
    [InlineData(20, 0, 4, null, "Locations must be 1 to 24; 0 is outside that range.")]
    [InlineData(20, 5, 101, null, "Turbines per location must be 1 to 100; 101 is outside that range.")]
    [InlineData(20, 5, 4, -5L, "Stop after N readings must be 1 to 1,000,000,000,000, or empty to run until stopped; -5 is outside that range.")]
    public async Task A_start_with_a_value_out_of_its_range_is_refused_with_the_pages_message_and_nothing_is_created_or_sent(
        double rate, int locations, int turbines, long? stopAfter, string expected)
    {
        var stream = "Refused" + Guid.NewGuid().ToString("N")[..12];
        await using var simulator = new WindSimulator(_streams, limits: new SimulatorOptions());
        var settings = new SimulationSettings
        {
            StreamName = stream,
            ReadingsPerSecond = rate,
            StopAfter = stopAfter,
            Dataset = new DatasetOptions { Locations = locations, TurbinesPerLocation = turbines },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => simulator.StartAsync(WindDataset.Normal, settings));

        Assert.StartsWith(expected, error.Message);
        Assert.Equal(expected, SimulationFields.Error(settings, simulator.Limits.MaxRatePerSecond));
        Assert.Null(simulator.RunOf(WindDataset.Normal));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _streams.DescribeStreamAsync(stream));
    }

    private static SimulationSettings Settings(string stream, double rate) =>
        new() { StreamName = stream, ReadingsPerSecond = rate, Dataset = new DatasetOptions { Locations = 2, TurbinesPerLocation = 2 } };

    private Task<string> NewStreamAsync() => SimulatorStreams.NewAsync(_streams);

    private Task<int> CountAsync(string stream) => SimulatorStreams.CountAsync(_streams, stream);
}
