package com.seatflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every process in the bpmn folder carries a diagram (BPMN DI), so Cockpit can draw it: a shape for every flow node,
 * an edge with waypoints for every sequence flow, and no two shapes on top of each other.
 */
class BpmnDiagramTests {

    /** How far (px) a waypoint may be from a shape's border and still count as on it. */
    private static final double TOLERANCE = 1.0;

    static Stream<Path> processes() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("bpmn"))) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).as("the .bpmn files of the bpmn folder").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("processes")
    void everyProcessHasADiagramPlane(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Collection<BpmnDiagram> diagrams = model.getModelElementsByType(BpmnDiagram.class);
        assertThat(diagrams).as("%s: BPMNDiagram elements", file).hasSize(1);
        BpmnPlane plane = diagrams.iterator().next().getBpmnPlane();
        assertThat(plane).as("%s: BPMNPlane", file).isNotNull();
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        assertThat(plane.getBpmnElement()).as("%s: the plane's bpmnElement", file)
                .isSameAs(processes.iterator().next());
    }

    @ParameterizedTest
    @MethodSource("processes")
    void everyFlowNodeHasOneShape(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes.stream().filter(shape -> shape.getBpmnElement() == node))
                    .as("%s: shapes of %s", file, node.getId()).hasSize(1);
            Bounds bounds = node.getDiagramElement() instanceof BpmnShape shape ? shape.getBounds() : null;
            assertThat(bounds).as("%s: bounds of %s", file, node.getId()).isNotNull();
            assertThat(bounds.getWidth()).as("%s: width of %s", file, node.getId()).isPositive();
            assertThat(bounds.getHeight()).as("%s: height of %s", file, node.getId()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void everySequenceFlowHasOneEdgeFromBorderToBorder(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<BpmnEdge> edges = List.copyOf(model.getModelElementsByType(BpmnEdge.class));
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            List<BpmnEdge> own = edges.stream().filter(edge -> edge.getBpmnElement() == flow).toList();
            assertThat(own).as("%s: edges of %s", file, flow.getId()).hasSize(1);
            List<Waypoint> waypoints = List.copyOf(own.get(0).getWaypoints());
            assertThat(waypoints).as("%s: waypoints of %s", file, flow.getId()).hasSizeGreaterThanOrEqualTo(2);
            Bounds source = bounds(flow.getSource());
            Bounds target = bounds(flow.getTarget());
            if (source != null) {
                assertThat(onOutline(waypoints.get(0), flow.getSource(), source))
                        .as("%s: %s starts on the border of %s", file, flow.getId(), flow.getSource().getId()).isTrue();
            }
            if (target != null) {
                assertThat(onOutline(waypoints.get(waypoints.size() - 1), flow.getTarget(), target))
                        .as("%s: %s ends on the border of %s", file, flow.getId(), flow.getTarget().getId()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void boundaryEventsSitOnTheirHostsBorder(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Bounds own = bounds(event);
            Bounds host = bounds(event.getAttachedTo());
            assertThat(own).as("%s: bounds of %s", file, event.getId()).isNotNull();
            assertThat(host).as("%s: bounds of %s", file, event.getAttachedTo().getId()).isNotNull();
            double x = own.getX() + own.getWidth() / 2;
            double y = own.getY() + own.getHeight() / 2;
            assertThat(onBorder(x, y, host))
                    .as("%s: the centre of %s is on the border of %s", file, event.getId(), event.getAttachedTo().getId())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void noTwoShapesOverlap(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        // Subprocesses contain their children and boundary events overlap their host by design; everything else
        // (tasks, events, gateways) must stand on its own.
        List<FlowNode> nodes = new ArrayList<>(model.getModelElementsByType(FlowNode.class).stream()
                .filter(node -> !(node instanceof SubProcess)).toList());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                FlowNode a = nodes.get(i);
                FlowNode b = nodes.get(j);
                if (attached(a, b) || attached(b, a)) {
                    continue;
                }
                Bounds first = bounds(a);
                Bounds second = bounds(b);
                assertThat(first).as("%s: bounds of %s", file, a.getId()).isNotNull();
                assertThat(second).as("%s: bounds of %s", file, b.getId()).isNotNull();
                assertThat(overlap(first, second)).as("%s: %s and %s overlap", file, a.getId(), b.getId()).isFalse();
            }
        }
    }

    private static boolean attached(FlowNode event, FlowNode host) {
        return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
    }

    private static Bounds bounds(BaseElement element) {
        return element.getDiagramElement() instanceof BpmnShape shape ? shape.getBounds() : null;
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** On the drawn outline: the circle of an event, the diamond of a gateway, the rectangle of anything else. */
    private static boolean onOutline(Waypoint point, FlowNode node, Bounds bounds) {
        double halfWidth = bounds.getWidth() / 2;
        double halfHeight = bounds.getHeight() / 2;
        double dx = point.getX() - (bounds.getX() + halfWidth);
        double dy = point.getY() - (bounds.getY() + halfHeight);
        if (node instanceof Event) {
            double radius = Math.min(halfWidth, halfHeight);
            return Math.abs(Math.hypot(dx, dy) - radius) <= TOLERANCE;
        }
        if (node instanceof Gateway) {
            // |dx| / halfWidth + |dy| / halfHeight = 1 on the diamond; scaled to pixels for the tolerance
            double off = (Math.abs(dx) / halfWidth + Math.abs(dy) / halfHeight - 1) * Math.min(halfWidth, halfHeight);
            return Math.abs(off) <= TOLERANCE;
        }
        return onBorder(point.getX(), point.getY(), bounds);
    }

    /** On the outline of the bounds. */
    private static boolean onBorder(double x, double y, Bounds bounds) {
        double left = bounds.getX();
        double top = bounds.getY();
        double right = left + bounds.getWidth();
        double bottom = top + bounds.getHeight();
        boolean withinX = x >= left - TOLERANCE && x <= right + TOLERANCE;
        boolean withinY = y >= top - TOLERANCE && y <= bottom + TOLERANCE;
        boolean onVertical = withinY && (Math.abs(x - left) <= TOLERANCE || Math.abs(x - right) <= TOLERANCE);
        boolean onHorizontal = withinX && (Math.abs(y - top) <= TOLERANCE || Math.abs(y - bottom) <= TOLERANCE);
        return onVertical || onHorizontal;
    }
}
