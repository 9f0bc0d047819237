package org.rdex.server.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * This instance among those sharing the database: an id, and a heartbeat row in {@code instance_heartbeat}
 * refreshed every {@link InstanceConfig#heartbeatEvery()} and by every relay claim (so a CLI command, which
 * runs no scheduler, beats while it works).
 */
@ApplicationScoped
public class Instances {

    private static final Logger LOG = Logger.getLogger(Instances.class);

    @Inject
    DataSource dataSource;
    @Inject
    InstanceConfig config;

    private final String id;
    private final String host;

    public Instances() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "unknown";
        }
        host = name;
        id = name + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's id, as recorded in claims. */
    public String id() {
        return id;
    }

    public InstanceConfig config() {
        return config;
    }

    @Scheduled(identity = "rdex-instance-heartbeat", every = "${rdex.instance.heartbeat-every:PT2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try (Connection c = dataSource.getConnection()) {
            beat(c);
        } catch (SQLException e) {
            LOG.debugf("Heartbeat not recorded: %s", e.getClass().getSimpleName());
        }
    }

    /** Records that this instance lives, on {@code connection}; prunes instances gone for a day. */
    public void beat(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into instance_heartbeat (instance_id, host, pid) values (?, ?, ?)
                on conflict (instance_id) do update set beat_at = now()""")) {
            ps.setString(1, id);
            ps.setString(2, host);
            ps.setLong(3, ProcessHandle.current().pid());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "delete from instance_heartbeat where beat_at < now() - interval '1 day'")) {
            ps.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
