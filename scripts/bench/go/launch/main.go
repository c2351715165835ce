// The reference for scafctl's plugin start-up: go-plugin's own client launching a provider
// plugin and doing the same work scafctl's host does before a plugin is usable (handshake,
// health check, list, describe and configure every provider), N times in one process after
// W starts to warm up (the same count as the JVM's). Usage: launch PLUGIN [N [W]]. Prints the
// median milliseconds.
package main

import (
	"context"
	"fmt"
	"io/ioutil"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "scafctl.bench/pluginpb"
)

type providerPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (p *providerPlugin) GRPCServer(_ *plugin.GRPCBroker, _ *grpc.Server) error {
	return fmt.Errorf("host only")
}

func (p *providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return pb.NewPluginServiceClient(c), nil
}

func once(path string) time.Duration {
	start := time.Now()
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  1,
			MagicCookieKey:   "SCAFCTL_PLUGIN",
			MagicCookieValue: "scafctl_provider_plugin",
		},
		Plugins:          map[string]plugin.Plugin{"provider": &providerPlugin{}},
		Cmd:              exec.Command(path),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Output: ioutil.Discard, Level: hclog.Error}),
	})
	defer client.Kill()
	rpc, err := client.Client()
	if err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		os.Exit(1)
	}
	if err := rpc.Ping(); err != nil {
		fmt.Fprintln(os.Stderr, "ping:", err)
		os.Exit(1)
	}
	raw, err := rpc.Dispense("provider")
	if err != nil {
		fmt.Fprintln(os.Stderr, "dispense:", err)
		os.Exit(1)
	}
	svc := raw.(pb.PluginServiceClient)
	ctx := context.Background()
	names, err := svc.GetProviders(ctx, &pb.GetProvidersRequest{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "providers:", err)
		os.Exit(1)
	}
	for _, n := range names.ProviderNames {
		if _, err := svc.GetProviderDescriptor(ctx, &pb.GetProviderDescriptorRequest{ProviderName: n}); err != nil {
			fmt.Fprintln(os.Stderr, "describe:", err)
			os.Exit(1)
		}
		if _, err := svc.ConfigureProvider(ctx, &pb.ConfigureProviderRequest{ProviderName: n, ProtocolVersion: 2}); err != nil {
			fmt.Fprintln(os.Stderr, "configure:", err)
			os.Exit(1)
		}
	}
	return time.Since(start)
}

func main() {
	n, warmUp := 20, 100
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	if len(os.Args) > 3 {
		warmUp, _ = strconv.Atoi(os.Args[3])
	}
	for i := 0; i < warmUp; i++ {
		once(os.Args[1])
	}
	var ms []float64
	for i := 0; i < n; i++ {
		ms = append(ms, float64(once(os.Args[1]).Microseconds())/1000)
	}
	sort.Float64s(ms)
	fmt.Printf("%.1f\n", ms[n/2])
}
