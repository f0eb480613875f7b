// The top-level boundary: a part that throws while rendering shows what went wrong and a way
// back, never a blank page.
import { h, Component } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

export class ErrorBoundary extends Component {
  constructor(props) {
    super(props);
    this.state = { error: null };
  }
  static getDerivedStateFromError(error) {
    return { error };
  }
  componentDidCatch(error) {
    console.warn('console part failed', error);
  }
  render() {
    if (!this.state.error) return this.props.children;
    return html`<div class="alert alert-error" role="alert">
      <p>This part of the console failed: ${this.state.error.message || String(this.state.error)}</p>
      <p><a href="#/" onClick=${() => this.setState({ error: null })}>Back to the queue</a> · <button type="button" onClick=${() => location.reload()}>Reload the page</button></p>
    </div>`;
  }
}
