// Draws a strategy version (bpmn-js NavigatedViewer, global BpmnJS) or a decision table (dmn-js viewer,
// global DmnJS) into <div id="diagram" data-kind="bpmn|dmn" data-xml-url="..."> from the version's XML.
// On a BPMN diagram, data-instances ({"Task_Wait": 3}) puts the number of waiting contacts on each activity.
// When drawn, the container gets data-rendered="true" (the browser tests wait for it).
(function () {
    'use strict';

    function fail(container, error) {
        var status = container.querySelector('.dz-diagram-status');
        if (!status) {
            status = document.createElement('p');
            container.appendChild(status);
        }
        status.className = 'dz-diagram-status text-danger';
        status.textContent = (container.getAttribute('data-failed-text') || '') + ' ' + (error && error.message ? error.message : error);
        container.setAttribute('data-rendered', 'false');
    }

    function done(container) {
        var status = container.querySelector('.dz-diagram-status');
        if (status) {
            status.remove();
        }
        container.setAttribute('data-rendered', 'true');
    }

    // Both the promise and the older callback style of the viewers' API (dmn-js 10 still calls back).
    function promised(call) {
        return new Promise(function (resolve, reject) {
            var result = call(function (error) {
                if (error) {
                    reject(error);
                } else {
                    resolve();
                }
            });
            if (result && typeof result.then === 'function') {
                result.then(resolve, reject);
            }
        });
    }

    function drawBpmn(container, xml) {
        var viewer = new BpmnJS({container: container});
        return promised(function (done) { return viewer.importXML(xml, done); }).then(function () {
            viewer.get('canvas').zoom('fit-viewport');
            var counts = JSON.parse(container.getAttribute('data-instances') || '{}');
            var overlays = viewer.get('overlays');
            var elements = viewer.get('elementRegistry');
            Object.keys(counts).forEach(function (id) {
                if (elements.get(id)) {
                    var badge = document.createElement('span');
                    badge.className = 'dz-instances';
                    badge.textContent = counts[id];
                    overlays.add(id, {position: {bottom: 12, left: -8}, html: badge});
                }
            });
        });
    }

    function drawDmn(container, xml) {
        var viewer = new DmnJS({container: container});
        return promised(function (done) { return viewer.importXML(xml, done); }).then(function () {
            var decision = container.getAttribute('data-decision');
            var view = viewer.getViews().filter(function (v) {
                return v.element && v.element.id === decision && v.type !== 'drd';
            })[0];
            var active = viewer.getActiveView();
            if (!view || (active && active.element === view.element)) {
                return null;
            }
            return promised(function (done) { return viewer.open(view, done); });
        });
    }

    function draw(container) {
        fetch(container.getAttribute('data-xml-url'), {credentials: 'same-origin'})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.text();
            })
            .then(function (xml) {
                return container.getAttribute('data-kind') === 'dmn' ? drawDmn(container, xml) : drawBpmn(container, xml);
            })
            .then(function () { done(container); }, function (error) { fail(container, error); });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var container = document.getElementById('diagram');
        if (container && container.getAttribute('data-xml-url')) {
            draw(container);
        }
    });
})();
