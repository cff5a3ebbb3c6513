import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Trans } from 'react-i18next';
import { Alert, Button } from '../components/ui';

interface State {
  error: Error | null;
}

/**
 * Catches render errors and failed lazy page loads (a weak connection, or a
 * new release replaced the old chunks) and offers a reload instead of a blank page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert tone="error" title={<Trans i18nKey="errors.pageFailedTitle" />}>
        <p>
          <Trans i18nKey="errors.pageFailedBody" />
        </p>
        <p>
          <Button variant="primary" onClick={() => window.location.reload()}>
            <Trans i18nKey="common.reload" />
          </Button>
        </p>
      </Alert>
    );
  }
}
